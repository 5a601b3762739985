#!/bin/sh
# Installs ejabberd from Debian for the benchmark's same-run peer; idempotent, run as root.
# erlang-p1-pgsql is only "suggested" by the ejabberd package, but without it ejabberd
# cannot talk to PostgreSQL. The bench starts its own ejabberd (own config, node name and
# file limit: see EjabberdPeer), so the instance the package starts is stopped and disabled.
set -eu

installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

if ! installed ejabberd || ! installed erlang-p1-pgsql; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q ejabberd erlang-p1-pgsql
fi

# The packaged service. systemctl disable works without a running systemd (it only removes
# the unit's links); stop needs one, or else the SysV script does it.
if command -v systemctl >/dev/null 2>&1; then
  systemctl disable ejabberd.service >/dev/null 2>&1 || true
fi
if [ -d /run/systemd/system ]; then
  systemctl stop ejabberd.service || true
elif [ -x /etc/init.d/ejabberd ]; then
  /etc/init.d/ejabberd stop >/dev/null 2>&1 || true
  update-rc.d ejabberd disable >/dev/null 2>&1 || true
fi

# If the packaged node survived that, stop it by its own pid file (never anything else), and
# its epmd if no other Erlang node uses it (the bench's nodes do not: they use a fixed port).
pidfile=/run/ejabberd/ejabberd.pid
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  kill -TERM "$(cat "$pidfile")"
  sleep 3
fi
if command -v epmd >/dev/null 2>&1 && epmd -names >/dev/null 2>&1 && ! epmd -names | grep -q '^name '; then
  epmd -kill >/dev/null 2>&1 || true
fi

test -f /usr/share/ejabberd/sql/pg.sql
echo "ejabberd $(dpkg-query -W -f='${Version}' ejabberd) ready (packaged service stopped and disabled)"
