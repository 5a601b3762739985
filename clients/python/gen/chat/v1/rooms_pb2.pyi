from chat.v1 import access_pb2 as _access_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
ROOM_ICON_CUSTOMER: RoomIcon
ROOM_ICON_EMPLOYEE: RoomIcon
ROOM_ICON_GROUP: RoomIcon
ROOM_ICON_UNSPECIFIED: RoomIcon
ROOM_KIND_CUSTOMER_CHAT: RoomKind
ROOM_KIND_EMPLOYEE_CHAT: RoomKind
ROOM_KIND_GROUP: RoomKind
ROOM_KIND_UNSPECIFIED: RoomKind
ROOM_ROLE_MEMBER: RoomRole
ROOM_ROLE_OWNER: RoomRole
ROOM_ROLE_UNSPECIFIED: RoomRole
SEND_BLOCKED_REASON_CONTACT_CHANGED: SendBlockedReason
SEND_BLOCKED_REASON_CUSTOMER_NOT_ASSIGNED: SendBlockedReason
SEND_BLOCKED_REASON_NOT_A_MEMBER: SendBlockedReason
SEND_BLOCKED_REASON_PEER_INACTIVE: SendBlockedReason
SEND_BLOCKED_REASON_UNSPECIFIED: SendBlockedReason

class AddRoomMembersRequest(_message.Message):
    __slots__ = ["room_id", "user_ids"]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    USER_IDS_FIELD_NUMBER: _ClassVar[int]
    room_id: str
    user_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, room_id: _Optional[str] = ..., user_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class AddRoomMembersResponse(_message.Message):
    __slots__ = ["room"]
    ROOM_FIELD_NUMBER: _ClassVar[int]
    room: RoomView
    def __init__(self, room: _Optional[_Union[RoomView, _Mapping]] = ...) -> None: ...

class CreateGroupRoomRequest(_message.Message):
    __slots__ = ["member_user_ids", "name", "request_id"]
    MEMBER_USER_IDS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    member_user_ids: _containers.RepeatedScalarFieldContainer[str]
    name: str
    request_id: str
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., member_user_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class CreateGroupRoomResponse(_message.Message):
    __slots__ = ["room"]
    ROOM_FIELD_NUMBER: _ClassVar[int]
    room: RoomView
    def __init__(self, room: _Optional[_Union[RoomView, _Mapping]] = ...) -> None: ...

class GetRoomRequest(_message.Message):
    __slots__ = ["room_id"]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    room_id: str
    def __init__(self, room_id: _Optional[str] = ...) -> None: ...

class GetRoomResponse(_message.Message):
    __slots__ = ["room"]
    ROOM_FIELD_NUMBER: _ClassVar[int]
    room: RoomView
    def __init__(self, room: _Optional[_Union[RoomView, _Mapping]] = ...) -> None: ...

class LeaveRoomRequest(_message.Message):
    __slots__ = ["room_id"]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    room_id: str
    def __init__(self, room_id: _Optional[str] = ...) -> None: ...

class LeaveRoomResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListRoomsRequest(_message.Message):
    __slots__ = ["kind", "page_size", "page_token"]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    kind: RoomKind
    page_size: int
    page_token: str
    def __init__(self, kind: _Optional[_Union[RoomKind, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRoomsResponse(_message.Message):
    __slots__ = ["next_page_token", "rooms"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ROOMS_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    rooms: _containers.RepeatedCompositeFieldContainer[RoomView]
    def __init__(self, rooms: _Optional[_Iterable[_Union[RoomView, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class MessagePreview(_message.Message):
    __slots__ = ["create_time", "deleted", "sender_display_name", "sender_id", "seq", "system", "text"]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    SENDER_DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    SENDER_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    create_time: _timestamp_pb2.Timestamp
    deleted: bool
    sender_display_name: str
    sender_id: str
    seq: int
    system: bool
    text: str
    def __init__(self, seq: _Optional[int] = ..., sender_id: _Optional[str] = ..., sender_display_name: _Optional[str] = ..., text: _Optional[str] = ..., deleted: bool = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., system: bool = ...) -> None: ...

class OpenDirectRoomRequest(_message.Message):
    __slots__ = ["user_id"]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class OpenDirectRoomResponse(_message.Message):
    __slots__ = ["created", "room"]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    ROOM_FIELD_NUMBER: _ClassVar[int]
    created: bool
    room: RoomView
    def __init__(self, room: _Optional[_Union[RoomView, _Mapping]] = ..., created: bool = ...) -> None: ...

class Participant(_message.Message):
    __slots__ = ["active", "department", "display_name", "organization", "role", "room_role", "user_id"]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ROOM_ROLE_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    active: bool
    department: str
    display_name: str
    organization: str
    role: _access_pb2.Role
    room_role: RoomRole
    user_id: str
    def __init__(self, user_id: _Optional[str] = ..., display_name: _Optional[str] = ..., role: _Optional[_Union[_access_pb2.Role, str]] = ..., room_role: _Optional[_Union[RoomRole, str]] = ..., department: _Optional[str] = ..., organization: _Optional[str] = ..., active: bool = ...) -> None: ...

class RemoveRoomMemberRequest(_message.Message):
    __slots__ = ["room_id", "user_id"]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    room_id: str
    user_id: str
    def __init__(self, room_id: _Optional[str] = ..., user_id: _Optional[str] = ...) -> None: ...

class RemoveRoomMemberResponse(_message.Message):
    __slots__ = ["room"]
    ROOM_FIELD_NUMBER: _ClassVar[int]
    room: RoomView
    def __init__(self, room: _Optional[_Union[RoomView, _Mapping]] = ...) -> None: ...

class RenameRoomRequest(_message.Message):
    __slots__ = ["name", "room_id"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    room_id: str
    def __init__(self, room_id: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class RenameRoomResponse(_message.Message):
    __slots__ = ["room"]
    ROOM_FIELD_NUMBER: _ClassVar[int]
    room: RoomView
    def __init__(self, room: _Optional[_Union[RoomView, _Mapping]] = ...) -> None: ...

class RoomView(_message.Message):
    __slots__ = ["badge", "can_send", "create_time", "display_name", "icon", "icon_emoji", "kind", "last_activity_time", "last_message", "last_read_seq", "last_seq", "muted", "owner_id", "participants", "room_id", "send_blocked_message", "send_blocked_reason", "unread_count"]
    BADGE_FIELD_NUMBER: _ClassVar[int]
    CAN_SEND_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    ICON_EMOJI_FIELD_NUMBER: _ClassVar[int]
    ICON_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LAST_ACTIVITY_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    LAST_READ_SEQ_FIELD_NUMBER: _ClassVar[int]
    LAST_SEQ_FIELD_NUMBER: _ClassVar[int]
    MUTED_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    SEND_BLOCKED_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    SEND_BLOCKED_REASON_FIELD_NUMBER: _ClassVar[int]
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    badge: str
    can_send: bool
    create_time: _timestamp_pb2.Timestamp
    display_name: str
    icon: RoomIcon
    icon_emoji: str
    kind: RoomKind
    last_activity_time: _timestamp_pb2.Timestamp
    last_message: MessagePreview
    last_read_seq: int
    last_seq: int
    muted: bool
    owner_id: str
    participants: _containers.RepeatedCompositeFieldContainer[Participant]
    room_id: str
    send_blocked_message: str
    send_blocked_reason: SendBlockedReason
    unread_count: int
    def __init__(self, room_id: _Optional[str] = ..., kind: _Optional[_Union[RoomKind, str]] = ..., display_name: _Optional[str] = ..., badge: _Optional[str] = ..., icon: _Optional[_Union[RoomIcon, str]] = ..., icon_emoji: _Optional[str] = ..., participants: _Optional[_Iterable[_Union[Participant, _Mapping]]] = ..., last_message: _Optional[_Union[MessagePreview, _Mapping]] = ..., last_seq: _Optional[int] = ..., last_read_seq: _Optional[int] = ..., unread_count: _Optional[int] = ..., muted: bool = ..., can_send: bool = ..., send_blocked_reason: _Optional[_Union[SendBlockedReason, str]] = ..., send_blocked_message: _Optional[str] = ..., last_activity_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., owner_id: _Optional[str] = ...) -> None: ...

class SetRoomMutedRequest(_message.Message):
    __slots__ = ["muted", "room_id"]
    MUTED_FIELD_NUMBER: _ClassVar[int]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    muted: bool
    room_id: str
    def __init__(self, room_id: _Optional[str] = ..., muted: bool = ...) -> None: ...

class SetRoomMutedResponse(_message.Message):
    __slots__ = ["room"]
    ROOM_FIELD_NUMBER: _ClassVar[int]
    room: RoomView
    def __init__(self, room: _Optional[_Union[RoomView, _Mapping]] = ...) -> None: ...

class RoomKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class RoomIcon(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class RoomRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class SendBlockedReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
