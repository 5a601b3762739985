"""The generated Python client (grpcio) against a real server process: a unary call, a refused
call whose ErrorInfo reason is decoded, and Subscribe receiving messages while it stays open.

Run with Debian's interpreter, which sees python3-grpcio and python3-protobuf:
    /usr/bin/python3 -m unittest discover -s clients/python/tests -v
"""

import queue
import sys
import threading
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gen"))

import grpc  # noqa: E402
from chat.v1 import directory_pb2, directory_pb2_grpc  # noqa: E402
from chat.v1 import events_pb2, events_pb2_grpc  # noqa: E402
from chat.v1 import messages_pb2, messages_pb2_grpc  # noqa: E402
from chat.v1 import rooms_pb2, rooms_pb2_grpc  # noqa: E402
from chat.v1 import access_pb2  # noqa: E402
from google.rpc import error_details_pb2, status_pb2  # noqa: E402

from running_server import RunningServer  # noqa: E402

EVE = "eve@acme.example"
CAROL = "carol@northwind.example"  # Eve's customer


def status_details(error):
    """The google.rpc.Status the server put in the grpc-status-details-bin trailer."""
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            return status_pb2.Status.FromString(value)
    raise AssertionError(f"no status details in {error}")


def unpack(status, message_type):
    found = []
    for detail in status.details:
        if detail.Is(message_type.DESCRIPTOR):
            message = message_type()
            detail.Unpack(message)
            found.append(message)
    return found


class PythonClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = RunningServer()
        cls.channel = grpc.insecure_channel(cls.server.grpc_target)

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        cls.server.stop()

    def test_a_unary_call_answers(self):
        me = directory_pb2_grpc.DirectoryServiceStub(self.channel).WhoAmI(
            directory_pb2.WhoAmIRequest(), metadata=self.server.metadata(EVE), timeout=10)
        self.assertEqual(me.user.email, EVE)
        self.assertEqual(me.user.display_name, "Eve Executive")
        self.assertEqual(me.user.role, access_pb2.ROLE_EXECUTIVE)

    def test_a_refused_call_carries_its_error_info_reason(self):
        rooms = rooms_pb2_grpc.RoomServiceStub(self.channel)
        with self.assertRaises(grpc.RpcError) as refused:
            rooms.CreateGroupRoom(rooms_pb2.CreateGroupRoomRequest(name="Sales"),
                                  metadata=self.server.metadata(EVE), timeout=10)
        self.assertEqual(refused.exception.code(), grpc.StatusCode.PERMISSION_DENIED)
        status = status_details(refused.exception)
        self.assertEqual(status.code, grpc.StatusCode.PERMISSION_DENIED.value[0])
        [info] = unpack(status, error_details_pb2.ErrorInfo)
        self.assertEqual(info.reason, "ROLE_NOT_ALLOWED")
        self.assertEqual(info.domain, "chat.example.com")

    def test_invalid_input_names_the_field(self):
        messages = messages_pb2_grpc.MessageServiceStub(self.channel)
        with self.assertRaises(grpc.RpcError) as refused:
            messages.SendMessage(messages_pb2.SendMessageRequest(room_id="", text="hi"),
                                 metadata=self.server.metadata(EVE), timeout=10)
        self.assertEqual(refused.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        status = status_details(refused.exception)
        [info] = unpack(status, error_details_pb2.ErrorInfo)
        self.assertEqual(info.reason, "INVALID_ARGUMENT")
        [bad] = unpack(status, error_details_pb2.BadRequest)
        self.assertEqual([v.field for v in bad.field_violations], ["room_id"])

    def test_subscribe_receives_messages_sent_while_it_stays_open(self):
        stream = events_pb2_grpc.EventServiceStub(self.channel).Subscribe(
            events_pb2.SubscribeRequest(), metadata=self.server.metadata(EVE))
        events = queue.Queue()
        reader = threading.Thread(target=lambda: self._drain(stream, events), daemon=True)
        reader.start()
        try:
            self._next_matching(events, lambda e: e.WhichOneof("event") == "caught_up")

            eve = directory_pb2_grpc.DirectoryServiceStub(self.channel).WhoAmI(
                directory_pb2.WhoAmIRequest(), metadata=self.server.metadata(EVE), timeout=10).user
            room = rooms_pb2_grpc.RoomServiceStub(self.channel).OpenDirectRoom(
                rooms_pb2.OpenDirectRoomRequest(user_id=eve.id), metadata=self.server.metadata(CAROL),
                timeout=10).room
            messages = messages_pb2_grpc.MessageServiceStub(self.channel)
            seqs = []
            for text in (f"first {time.time()}", f"second {time.time()}"):
                messages.SendMessage(messages_pb2.SendMessageRequest(room_id=room.room_id, text=text),
                                     metadata=self.server.metadata(CAROL), timeout=10)
                got = self._next_matching(events, lambda e: e.WhichOneof("event") == "message_created")
                self.assertEqual(got.message_created.message.text, text)
                self.assertEqual(got.room_id, room.room_id)
                self.assertTrue(got.notify)
                seqs.append(got.seq)
            self.assertLess(seqs[0], seqs[1])
            self.assertTrue(stream.is_active(), "the stream stays open")
        finally:
            stream.cancel()
            reader.join(timeout=5)

    @staticmethod
    def _drain(stream, events):
        try:
            for event in stream:
                events.put(event)
        except grpc.RpcError as ended:
            events.put(ended)

    def _next_matching(self, events, matches):
        deadline = time.monotonic() + 15
        while True:
            try:
                event = events.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                self.fail("no matching event within 15 s")
            if isinstance(event, grpc.RpcError):
                self.fail(f"the stream ended: {event}")
            if matches(event):
                return event


if __name__ == "__main__":
    unittest.main()
