"""Contains all the data models used in inputs/outputs"""

from .autonomous_system import AutonomousSystem
from .breach_severity import BreachSeverity
from .breach_status import BreachStatus
from .connector import Connector
from .connector_create_alibaba_input import ConnectorCreateAlibabaInput
from .connector_create_aws_cred_based_input import ConnectorCreateAwsCredBasedInput
from .connector_create_aws_role_based_input import ConnectorCreateAwsRoleBasedInput
from .connector_create_azure_input import ConnectorCreateAzureInput
from .connector_create_cloudflare_input import ConnectorCreateCloudflareInput
from .connector_create_digital_ocean_input import ConnectorCreateDigitalOceanInput
from .connector_create_gcp_input import ConnectorCreateGCPInput
from .connector_create_godaddy_input import ConnectorCreateGodaddyInput
from .connector_create_input import ConnectorCreateInput
from .connector_create_ns1_input import ConnectorCreateNS1Input
from .connector_last_run import ConnectorLastRun
from .connector_list import ConnectorList
from .connector_provider import ConnectorProvider
from .connector_run_status import ConnectorRunStatus
from .external_id import ExternalId
from .geolocation import Geolocation
from .ip import Ip
from .ip_list import IpList
from .ip_version import IpVersion
from .pagination import Pagination
from .policy_breach import PolicyBreach
from .policy_breach_list import PolicyBreachList
from .port import Port
from .port_list import PortList
from .port_status import PortStatus
from .problem import Problem
from .technology import Technology
from .technology_list import TechnologyList

__all__ = (
    "AutonomousSystem",
    "BreachSeverity",
    "BreachStatus",
    "Connector",
    "ConnectorCreateAlibabaInput",
    "ConnectorCreateAwsCredBasedInput",
    "ConnectorCreateAwsRoleBasedInput",
    "ConnectorCreateAzureInput",
    "ConnectorCreateCloudflareInput",
    "ConnectorCreateDigitalOceanInput",
    "ConnectorCreateGCPInput",
    "ConnectorCreateGodaddyInput",
    "ConnectorCreateInput",
    "ConnectorCreateNS1Input",
    "ConnectorLastRun",
    "ConnectorList",
    "ConnectorProvider",
    "ConnectorRunStatus",
    "ExternalId",
    "Geolocation",
    "Ip",
    "IpList",
    "IpVersion",
    "Pagination",
    "PolicyBreach",
    "PolicyBreachList",
    "Port",
    "PortList",
    "PortStatus",
    "Problem",
    "Technology",
    "TechnologyList",
)
