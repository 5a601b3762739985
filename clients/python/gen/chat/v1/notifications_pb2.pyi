from chat.v1 import access_pb2 as _access_pb2
from chat.v1 import directory_pb2 as _directory_pb2
from chat.v1 import messages_pb2 as _messages_pb2
from chat.v1 import rooms_pb2 as _rooms_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
NOTIFICATION_TYPE_CUSTOMER_PROFILE_UPDATED: NotificationType
NOTIFICATION_TYPE_MESSAGE_DELETED: NotificationType
NOTIFICATION_TYPE_MESSAGE_EDITED: NotificationType
NOTIFICATION_TYPE_MESSAGE_RECEIVED: NotificationType
NOTIFICATION_TYPE_ROOM_JOINED: NotificationType
NOTIFICATION_TYPE_TEST: NotificationType
NOTIFICATION_TYPE_UNSPECIFIED: NotificationType
NOTIFICATION_TYPE_USER_CREATED: NotificationType
NOTIFICATION_TYPE_USER_DEACTIVATED: NotificationType
NOTIFICATION_TYPE_USER_UPDATED: NotificationType

class FeedHeartbeat(_message.Message):
    __slots__ = ["position"]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    position: int
    def __init__(self, position: _Optional[int] = ...) -> None: ...

class MessageChanged(_message.Message):
    __slots__ = ["actor_user_id", "message", "room_id", "seq"]
    ACTOR_USER_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    actor_user_id: str
    message: _messages_pb2.Message
    room_id: str
    seq: int
    def __init__(self, room_id: _Optional[str] = ..., seq: _Optional[int] = ..., message: _Optional[_Union[_messages_pb2.Message, _Mapping]] = ..., actor_user_id: _Optional[str] = ...) -> None: ...

class MessageReceived(_message.Message):
    __slots__ = ["message", "recipient_streaming", "recipient_user_id", "room", "sender"]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_STREAMING_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROOM_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    message: _messages_pb2.Message
    recipient_streaming: bool
    recipient_user_id: str
    room: _rooms_pb2.RoomView
    sender: _rooms_pb2.Participant
    def __init__(self, recipient_user_id: _Optional[str] = ..., recipient_streaming: bool = ..., room: _Optional[_Union[_rooms_pb2.RoomView, _Mapping]] = ..., message: _Optional[_Union[_messages_pb2.Message, _Mapping]] = ..., sender: _Optional[_Union[_rooms_pb2.Participant, _Mapping]] = ...) -> None: ...

class Notification(_message.Message):
    __slots__ = ["company_id", "create_time", "event_id", "message_changed", "message_received", "position", "room_joined", "test", "type", "user_changed"]
    COMPANY_ID_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_CHANGED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    ROOM_JOINED_FIELD_NUMBER: _ClassVar[int]
    TEST_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    USER_CHANGED_FIELD_NUMBER: _ClassVar[int]
    company_id: str
    create_time: _timestamp_pb2.Timestamp
    event_id: str
    message_changed: MessageChanged
    message_received: MessageReceived
    position: int
    room_joined: RoomJoined
    test: TestEvent
    type: NotificationType
    user_changed: UserChanged
    def __init__(self, event_id: _Optional[str] = ..., type: _Optional[_Union[NotificationType, str]] = ..., company_id: _Optional[str] = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., position: _Optional[int] = ..., message_received: _Optional[_Union[MessageReceived, _Mapping]] = ..., room_joined: _Optional[_Union[RoomJoined, _Mapping]] = ..., message_changed: _Optional[_Union[MessageChanged, _Mapping]] = ..., user_changed: _Optional[_Union[UserChanged, _Mapping]] = ..., test: _Optional[_Union[TestEvent, _Mapping]] = ...) -> None: ...

class RoomJoined(_message.Message):
    __slots__ = ["added_by_user_id", "room", "room_created", "user_id", "user_streaming"]
    ADDED_BY_USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROOM_CREATED_FIELD_NUMBER: _ClassVar[int]
    ROOM_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_STREAMING_FIELD_NUMBER: _ClassVar[int]
    added_by_user_id: str
    room: _rooms_pb2.RoomView
    room_created: bool
    user_id: str
    user_streaming: bool
    def __init__(self, user_id: _Optional[str] = ..., user_streaming: bool = ..., room: _Optional[_Union[_rooms_pb2.RoomView, _Mapping]] = ..., added_by_user_id: _Optional[str] = ..., room_created: bool = ...) -> None: ...

class StreamNotificationsRequest(_message.Message):
    __slots__ = ["after_position", "company_id", "types"]
    AFTER_POSITION_FIELD_NUMBER: _ClassVar[int]
    COMPANY_ID_FIELD_NUMBER: _ClassVar[int]
    TYPES_FIELD_NUMBER: _ClassVar[int]
    after_position: int
    company_id: str
    types: _containers.RepeatedScalarFieldContainer[NotificationType]
    def __init__(self, company_id: _Optional[str] = ..., after_position: _Optional[int] = ..., types: _Optional[_Iterable[_Union[NotificationType, str]]] = ...) -> None: ...

class StreamNotificationsResponse(_message.Message):
    __slots__ = ["heartbeat", "notification"]
    HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_FIELD_NUMBER: _ClassVar[int]
    heartbeat: FeedHeartbeat
    notification: Notification
    def __init__(self, notification: _Optional[_Union[Notification, _Mapping]] = ..., heartbeat: _Optional[_Union[FeedHeartbeat, _Mapping]] = ...) -> None: ...

class TestEvent(_message.Message):
    __slots__ = ["endpoint_id"]
    ENDPOINT_ID_FIELD_NUMBER: _ClassVar[int]
    endpoint_id: str
    def __init__(self, endpoint_id: _Optional[str] = ...) -> None: ...

class UserChanged(_message.Message):
    __slots__ = ["user"]
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _directory_pb2.User
    def __init__(self, user: _Optional[_Union[_directory_pb2.User, _Mapping]] = ...) -> None: ...

class NotificationType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
