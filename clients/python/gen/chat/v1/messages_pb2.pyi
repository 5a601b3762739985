from chat.v1 import access_pb2 as _access_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DeleteMessageRequest(_message.Message):
    __slots__ = ["room_id", "seq"]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    room_id: str
    seq: int
    def __init__(self, room_id: _Optional[str] = ..., seq: _Optional[int] = ...) -> None: ...

class DeleteMessageResponse(_message.Message):
    __slots__ = ["message"]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: Message
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ...) -> None: ...

class EditMessageRequest(_message.Message):
    __slots__ = ["room_id", "seq", "text"]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    room_id: str
    seq: int
    text: str
    def __init__(self, room_id: _Optional[str] = ..., seq: _Optional[int] = ..., text: _Optional[str] = ...) -> None: ...

class EditMessageResponse(_message.Message):
    __slots__ = ["message"]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: Message
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ...) -> None: ...

class GetUnreadSummaryRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class GetUnreadSummaryResponse(_message.Message):
    __slots__ = ["rooms", "total_unread"]
    ROOMS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_UNREAD_FIELD_NUMBER: _ClassVar[int]
    rooms: _containers.RepeatedCompositeFieldContainer[RoomUnread]
    total_unread: int
    def __init__(self, total_unread: _Optional[int] = ..., rooms: _Optional[_Iterable[_Union[RoomUnread, _Mapping]]] = ...) -> None: ...

class ListMessagesRequest(_message.Message):
    __slots__ = ["after_seq", "before_seq", "page_size", "page_token", "room_id"]
    AFTER_SEQ_FIELD_NUMBER: _ClassVar[int]
    BEFORE_SEQ_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    after_seq: int
    before_seq: int
    page_size: int
    page_token: str
    room_id: str
    def __init__(self, room_id: _Optional[str] = ..., page_size: _Optional[int] = ..., before_seq: _Optional[int] = ..., after_seq: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMessagesResponse(_message.Message):
    __slots__ = ["messages", "next_page_token"]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[Message]
    next_page_token: str
    def __init__(self, messages: _Optional[_Iterable[_Union[Message, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class MarkReadRequest(_message.Message):
    __slots__ = ["room_id", "seq"]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    room_id: str
    seq: int
    def __init__(self, room_id: _Optional[str] = ..., seq: _Optional[int] = ...) -> None: ...

class MarkReadResponse(_message.Message):
    __slots__ = ["last_read_seq", "unread_count"]
    LAST_READ_SEQ_FIELD_NUMBER: _ClassVar[int]
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    last_read_seq: int
    unread_count: int
    def __init__(self, last_read_seq: _Optional[int] = ..., unread_count: _Optional[int] = ...) -> None: ...

class Message(_message.Message):
    __slots__ = ["create_time", "delete_time", "deleted", "edit_time", "request_id", "room_id", "sender_display_name", "sender_id", "seq", "system", "text"]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    DELETE_TIME_FIELD_NUMBER: _ClassVar[int]
    EDIT_TIME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    SENDER_DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    SENDER_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    create_time: _timestamp_pb2.Timestamp
    delete_time: _timestamp_pb2.Timestamp
    deleted: bool
    edit_time: _timestamp_pb2.Timestamp
    request_id: str
    room_id: str
    sender_display_name: str
    sender_id: str
    seq: int
    system: bool
    text: str
    def __init__(self, room_id: _Optional[str] = ..., seq: _Optional[int] = ..., sender_id: _Optional[str] = ..., sender_display_name: _Optional[str] = ..., text: _Optional[str] = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., edit_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., deleted: bool = ..., delete_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., request_id: _Optional[str] = ..., system: bool = ...) -> None: ...

class PostSystemMessageRequest(_message.Message):
    __slots__ = ["request_id", "room_id", "text"]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    room_id: str
    text: str
    def __init__(self, room_id: _Optional[str] = ..., request_id: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class PostSystemMessageResponse(_message.Message):
    __slots__ = ["created", "message"]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    created: bool
    message: Message
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ..., created: bool = ...) -> None: ...

class RoomUnread(_message.Message):
    __slots__ = ["muted", "room_id", "unread_count"]
    MUTED_FIELD_NUMBER: _ClassVar[int]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    muted: bool
    room_id: str
    unread_count: int
    def __init__(self, room_id: _Optional[str] = ..., unread_count: _Optional[int] = ..., muted: bool = ...) -> None: ...

class SendMessageRequest(_message.Message):
    __slots__ = ["request_id", "room_id", "text"]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    room_id: str
    text: str
    def __init__(self, room_id: _Optional[str] = ..., request_id: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class SendMessageResponse(_message.Message):
    __slots__ = ["created", "message"]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    created: bool
    message: Message
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ..., created: bool = ...) -> None: ...
