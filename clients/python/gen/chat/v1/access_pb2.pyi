from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Optional as _Optional, Union as _Union

ACCESS_FIELD_NUMBER: _ClassVar[int]
DESCRIPTOR: _descriptor.FileDescriptor
ROLE_ADMIN: Role
ROLE_CUSTOMER: Role
ROLE_EXECUTIVE: Role
ROLE_MANAGER: Role
ROLE_SUPER_ADMIN: Role
ROLE_TEAM_LEADER: Role
ROLE_UNSPECIFIED: Role
access: _descriptor.FieldDescriptor

class MethodAccess(_message.Message):
    __slots__ = ["roles", "service_accounts"]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    SERVICE_ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    roles: _containers.RepeatedScalarFieldContainer[Role]
    service_accounts: bool
    def __init__(self, roles: _Optional[_Iterable[_Union[Role, str]]] = ..., service_accounts: bool = ...) -> None: ...

class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
