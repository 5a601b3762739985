from chat.v1 import access_pb2 as _access_pb2
from chat.v1 import messages_pb2 as _messages_pb2
from chat.v1 import rooms_pb2 as _rooms_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CaughtUp(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class Heartbeat(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class MemberAdded(_message.Message):
    __slots__ = ["actor_id", "member"]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    actor_id: str
    member: _rooms_pb2.Participant
    def __init__(self, member: _Optional[_Union[_rooms_pb2.Participant, _Mapping]] = ..., actor_id: _Optional[str] = ...) -> None: ...

class MemberRemoved(_message.Message):
    __slots__ = ["actor_id", "user_id"]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    actor_id: str
    user_id: str
    def __init__(self, user_id: _Optional[str] = ..., actor_id: _Optional[str] = ...) -> None: ...

class MessageCreated(_message.Message):
    __slots__ = ["message"]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: _messages_pb2.Message
    def __init__(self, message: _Optional[_Union[_messages_pb2.Message, _Mapping]] = ...) -> None: ...

class MessageDeleted(_message.Message):
    __slots__ = ["message"]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: _messages_pb2.Message
    def __init__(self, message: _Optional[_Union[_messages_pb2.Message, _Mapping]] = ...) -> None: ...

class MessageEdited(_message.Message):
    __slots__ = ["message"]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: _messages_pb2.Message
    def __init__(self, message: _Optional[_Union[_messages_pb2.Message, _Mapping]] = ...) -> None: ...

class ReadCursorMoved(_message.Message):
    __slots__ = ["last_read_seq", "unread_count"]
    LAST_READ_SEQ_FIELD_NUMBER: _ClassVar[int]
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    last_read_seq: int
    unread_count: int
    def __init__(self, last_read_seq: _Optional[int] = ..., unread_count: _Optional[int] = ...) -> None: ...

class RoomCreated(_message.Message):
    __slots__ = ["room"]
    ROOM_FIELD_NUMBER: _ClassVar[int]
    room: _rooms_pb2.RoomView
    def __init__(self, room: _Optional[_Union[_rooms_pb2.RoomView, _Mapping]] = ...) -> None: ...

class RoomCursor(_message.Message):
    __slots__ = ["room_id", "seq"]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    room_id: str
    seq: int
    def __init__(self, room_id: _Optional[str] = ..., seq: _Optional[int] = ...) -> None: ...

class RoomRenamed(_message.Message):
    __slots__ = ["actor_id", "name"]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    actor_id: str
    name: str
    def __init__(self, name: _Optional[str] = ..., actor_id: _Optional[str] = ...) -> None: ...

class SubscribeRequest(_message.Message):
    __slots__ = ["cursors", "membership_position"]
    CURSORS_FIELD_NUMBER: _ClassVar[int]
    MEMBERSHIP_POSITION_FIELD_NUMBER: _ClassVar[int]
    cursors: _containers.RepeatedCompositeFieldContainer[RoomCursor]
    membership_position: int
    def __init__(self, cursors: _Optional[_Iterable[_Union[RoomCursor, _Mapping]]] = ..., membership_position: _Optional[int] = ...) -> None: ...

class SubscribeResponse(_message.Message):
    __slots__ = ["caught_up", "heartbeat", "member_added", "member_removed", "membership_position", "message_created", "message_deleted", "message_edited", "notify", "read_cursor_moved", "room_created", "room_id", "room_renamed", "seq"]
    CAUGHT_UP_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    MEMBERSHIP_POSITION_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ADDED_FIELD_NUMBER: _ClassVar[int]
    MEMBER_REMOVED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_CREATED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_DELETED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_EDITED_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_FIELD_NUMBER: _ClassVar[int]
    READ_CURSOR_MOVED_FIELD_NUMBER: _ClassVar[int]
    ROOM_CREATED_FIELD_NUMBER: _ClassVar[int]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    ROOM_RENAMED_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    caught_up: CaughtUp
    heartbeat: Heartbeat
    member_added: MemberAdded
    member_removed: MemberRemoved
    membership_position: int
    message_created: MessageCreated
    message_deleted: MessageDeleted
    message_edited: MessageEdited
    notify: bool
    read_cursor_moved: ReadCursorMoved
    room_created: RoomCreated
    room_id: str
    room_renamed: RoomRenamed
    seq: int
    def __init__(self, room_id: _Optional[str] = ..., seq: _Optional[int] = ..., notify: bool = ..., membership_position: _Optional[int] = ..., message_created: _Optional[_Union[MessageCreated, _Mapping]] = ..., message_edited: _Optional[_Union[MessageEdited, _Mapping]] = ..., message_deleted: _Optional[_Union[MessageDeleted, _Mapping]] = ..., member_added: _Optional[_Union[MemberAdded, _Mapping]] = ..., member_removed: _Optional[_Union[MemberRemoved, _Mapping]] = ..., room_created: _Optional[_Union[RoomCreated, _Mapping]] = ..., room_renamed: _Optional[_Union[RoomRenamed, _Mapping]] = ..., read_cursor_moved: _Optional[_Union[ReadCursorMoved, _Mapping]] = ..., caught_up: _Optional[_Union[CaughtUp, _Mapping]] = ..., heartbeat: _Optional[_Union[Heartbeat, _Mapping]] = ...) -> None: ...
