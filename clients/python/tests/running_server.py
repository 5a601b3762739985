"""Starts the real chat server as a process, the way a person would: the built jar with demo
data, both ports on 0, and the ports read from the file the server writes once listening."""

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_JAR = HERE.parents[2] / "server" / "target" / "chat-server.jar"
STARTUP_SECONDS = 120


class RunningServer:
    """The server process, its ports and the demo users' tokens."""

    def __init__(self):
        jar = Path(os.environ.get("CHAT_SERVER_JAR", DEFAULT_JAR)).resolve()
        if not jar.exists():
            raise RuntimeError(f"{jar} is missing: build it with ./mvnw -q -pl server -am package -DskipTests")
        self._dir = Path(tempfile.mkdtemp(prefix="chat-py-test-"))
        ports_file = self._dir / "ports.json"
        self._log = open(self._dir / "server.log", "wb")
        self._process = subprocess.Popen(
            ["java", "-jar", str(jar), "--demo", "--port", "0", "--web-port", "0",
             "--ports-file", str(ports_file), "--shutdown-grace-seconds", "1", "--data-dir", str(self._dir / "data")],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + STARTUP_SECONDS
        while not ports_file.exists():
            self._check_alive(deadline, "wrote no ports file")
            time.sleep(0.2)
        ports = json.loads(ports_file.read_text())
        self.grpc_target = f"127.0.0.1:{ports['grpc']}"
        self.web_url = f"http://127.0.0.1:{ports['web']}"
        # The demo users appear once the demo data is loaded, right after the ports.
        users = None
        while users is None:
            try:
                with urllib.request.urlopen(f"{self.web_url}/demo/users.json") as response:
                    users = json.load(response)
            except urllib.error.HTTPError:
                self._check_alive(deadline, "never offered the demo users")
                time.sleep(0.2)
        self._tokens = {u["email"]: u["token"] for u in users}

    def token(self, email):
        return self._tokens[email]

    def metadata(self, email):
        """Call metadata that authenticates as a demo user."""
        return (("authorization", f"Bearer {self.token(email)}"),)

    def stop(self):
        self._process.send_signal(signal.SIGTERM)
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def _check_alive(self, deadline, what):
        if self._process.poll() is not None or time.monotonic() > deadline:
            self._process.kill()
            self._log.flush()
            tail = (self._dir / "server.log").read_text(errors="replace").splitlines()[-30:]
            raise RuntimeError(f"the server {what}; its last lines:\n" + "\n".join(tail))
