from chat.v1 import access_pb2 as _access_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Company(_message.Message):
    __slots__ = ["create_time", "id", "name"]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    create_time: _timestamp_pb2.Timestamp
    id: str
    name: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateCompanyRequest(_message.Message):
    __slots__ = ["name", "request_id"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class CreateCompanyResponse(_message.Message):
    __slots__ = ["company"]
    COMPANY_FIELD_NUMBER: _ClassVar[int]
    company: Company
    def __init__(self, company: _Optional[_Union[Company, _Mapping]] = ...) -> None: ...

class CreateUserRequest(_message.Message):
    __slots__ = ["assigned_employee_id", "company_id", "department", "display_name", "email", "organization", "reports_to_user_id", "request_id", "role"]
    ASSIGNED_EMPLOYEE_ID_FIELD_NUMBER: _ClassVar[int]
    COMPANY_ID_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    REPORTS_TO_USER_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    assigned_employee_id: str
    company_id: str
    department: str
    display_name: str
    email: str
    organization: str
    reports_to_user_id: str
    request_id: str
    role: _access_pb2.Role
    def __init__(self, request_id: _Optional[str] = ..., company_id: _Optional[str] = ..., email: _Optional[str] = ..., display_name: _Optional[str] = ..., role: _Optional[_Union[_access_pb2.Role, str]] = ..., department: _Optional[str] = ..., reports_to_user_id: _Optional[str] = ..., organization: _Optional[str] = ..., assigned_employee_id: _Optional[str] = ...) -> None: ...

class CreateUserResponse(_message.Message):
    __slots__ = ["user"]
    USER_FIELD_NUMBER: _ClassVar[int]
    user: User
    def __init__(self, user: _Optional[_Union[User, _Mapping]] = ...) -> None: ...

class CustomerProfile(_message.Message):
    __slots__ = ["assigned_employee_id", "assigned_employee_name", "organization"]
    ASSIGNED_EMPLOYEE_ID_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_EMPLOYEE_NAME_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    assigned_employee_id: str
    assigned_employee_name: str
    organization: str
    def __init__(self, organization: _Optional[str] = ..., assigned_employee_id: _Optional[str] = ..., assigned_employee_name: _Optional[str] = ...) -> None: ...

class DeactivateUserRequest(_message.Message):
    __slots__ = ["user_id"]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class DeactivateUserResponse(_message.Message):
    __slots__ = ["user"]
    USER_FIELD_NUMBER: _ClassVar[int]
    user: User
    def __init__(self, user: _Optional[_Union[User, _Mapping]] = ...) -> None: ...

class GetUserRequest(_message.Message):
    __slots__ = ["user_id"]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class GetUserResponse(_message.Message):
    __slots__ = ["user"]
    USER_FIELD_NUMBER: _ClassVar[int]
    user: User
    def __init__(self, user: _Optional[_Union[User, _Mapping]] = ...) -> None: ...

class ListCompaniesRequest(_message.Message):
    __slots__ = ["page_size", "page_token"]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCompaniesResponse(_message.Message):
    __slots__ = ["companies", "next_page_token"]
    COMPANIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    companies: _containers.RepeatedCompositeFieldContainer[Company]
    next_page_token: str
    def __init__(self, companies: _Optional[_Iterable[_Union[Company, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListUsersRequest(_message.Message):
    __slots__ = ["company_id", "include_inactive", "page_size", "page_token", "role"]
    COMPANY_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_INACTIVE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    company_id: str
    include_inactive: bool
    page_size: int
    page_token: str
    role: _access_pb2.Role
    def __init__(self, company_id: _Optional[str] = ..., role: _Optional[_Union[_access_pb2.Role, str]] = ..., include_inactive: bool = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListUsersResponse(_message.Message):
    __slots__ = ["next_page_token", "users"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    USERS_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    users: _containers.RepeatedCompositeFieldContainer[User]
    def __init__(self, users: _Optional[_Iterable[_Union[User, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateCompanyRequest(_message.Message):
    __slots__ = ["company_id", "name"]
    COMPANY_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    company_id: str
    name: str
    def __init__(self, company_id: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class UpdateCompanyResponse(_message.Message):
    __slots__ = ["company"]
    COMPANY_FIELD_NUMBER: _ClassVar[int]
    company: Company
    def __init__(self, company: _Optional[_Union[Company, _Mapping]] = ...) -> None: ...

class UpdateCustomerProfileRequest(_message.Message):
    __slots__ = ["assigned_employee_id", "customer_id", "organization"]
    ASSIGNED_EMPLOYEE_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    assigned_employee_id: str
    customer_id: str
    organization: str
    def __init__(self, customer_id: _Optional[str] = ..., organization: _Optional[str] = ..., assigned_employee_id: _Optional[str] = ...) -> None: ...

class UpdateCustomerProfileResponse(_message.Message):
    __slots__ = ["user"]
    USER_FIELD_NUMBER: _ClassVar[int]
    user: User
    def __init__(self, user: _Optional[_Union[User, _Mapping]] = ...) -> None: ...

class UpdateUserRequest(_message.Message):
    __slots__ = ["department", "display_name", "reports_to_user_id", "role", "user_id"]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    REPORTS_TO_USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    department: str
    display_name: str
    reports_to_user_id: str
    role: _access_pb2.Role
    user_id: str
    def __init__(self, user_id: _Optional[str] = ..., display_name: _Optional[str] = ..., role: _Optional[_Union[_access_pb2.Role, str]] = ..., department: _Optional[str] = ..., reports_to_user_id: _Optional[str] = ...) -> None: ...

class UpdateUserResponse(_message.Message):
    __slots__ = ["user"]
    USER_FIELD_NUMBER: _ClassVar[int]
    user: User
    def __init__(self, user: _Optional[_Union[User, _Mapping]] = ...) -> None: ...

class User(_message.Message):
    __slots__ = ["active", "company_id", "create_time", "customer", "department", "display_name", "email", "id", "reports_to_user_id", "role"]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    COMPANY_ID_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    REPORTS_TO_USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    active: bool
    company_id: str
    create_time: _timestamp_pb2.Timestamp
    customer: CustomerProfile
    department: str
    display_name: str
    email: str
    id: str
    reports_to_user_id: str
    role: _access_pb2.Role
    def __init__(self, id: _Optional[str] = ..., company_id: _Optional[str] = ..., email: _Optional[str] = ..., display_name: _Optional[str] = ..., role: _Optional[_Union[_access_pb2.Role, str]] = ..., department: _Optional[str] = ..., reports_to_user_id: _Optional[str] = ..., active: bool = ..., customer: _Optional[_Union[CustomerProfile, _Mapping]] = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class WhoAmIRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class WhoAmIResponse(_message.Message):
    __slots__ = ["service_account", "service_account_company_id", "user"]
    SERVICE_ACCOUNT_COMPANY_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICE_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    service_account: str
    service_account_company_id: str
    user: User
    def __init__(self, user: _Optional[_Union[User, _Mapping]] = ..., service_account: _Optional[str] = ..., service_account_company_id: _Optional[str] = ...) -> None: ...
