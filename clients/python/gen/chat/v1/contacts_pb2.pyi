from chat.v1 import access_pb2 as _access_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

CONTACT_KIND_CUSTOMER: ContactKind
CONTACT_KIND_EMPLOYEE: ContactKind
CONTACT_KIND_UNSPECIFIED: ContactKind
DESCRIPTOR: _descriptor.FileDescriptor

class Contact(_message.Message):
    __slots__ = ["assigned_employee_id", "assigned_employee_name", "department", "display_name", "email", "kind", "organization", "role", "user_id"]
    ASSIGNED_EMPLOYEE_ID_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_EMPLOYEE_NAME_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    assigned_employee_id: str
    assigned_employee_name: str
    department: str
    display_name: str
    email: str
    kind: ContactKind
    organization: str
    role: _access_pb2.Role
    user_id: str
    def __init__(self, user_id: _Optional[str] = ..., display_name: _Optional[str] = ..., email: _Optional[str] = ..., kind: _Optional[_Union[ContactKind, str]] = ..., role: _Optional[_Union[_access_pb2.Role, str]] = ..., department: _Optional[str] = ..., organization: _Optional[str] = ..., assigned_employee_id: _Optional[str] = ..., assigned_employee_name: _Optional[str] = ...) -> None: ...

class ListContactsRequest(_message.Message):
    __slots__ = ["kind", "name_prefix", "page_size", "page_token"]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_PREFIX_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    kind: ContactKind
    name_prefix: str
    page_size: int
    page_token: str
    def __init__(self, kind: _Optional[_Union[ContactKind, str]] = ..., name_prefix: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListContactsResponse(_message.Message):
    __slots__ = ["contacts", "next_page_token"]
    CONTACTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    contacts: _containers.RepeatedCompositeFieldContainer[Contact]
    next_page_token: str
    def __init__(self, contacts: _Optional[_Iterable[_Union[Contact, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ContactKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
