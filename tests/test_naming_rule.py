"""The Python naming rule, on real KSYUN wire names (KEC, VPC, EIP, EBS, SLB
request and response fields); the rule is documented in the README."""

from __future__ import annotations

import pytest

from generator.targets.python.target import identifier

CASES = [
    ("ImageId", "image_id"), ("InstanceId", "instance_id"), ("InstanceType", "instance_type"),
    ("SystemDisk", "system_disk"), ("DataDiskGb", "data_disk_gb"), ("MemoryGb", "memory_gb"),
    ("RootDiskGb", "root_disk_gb"), ("VCPU", "vcpu"), ("GPU", "gpu"), ("SetvCPU", "set_vcpu"),
    ("vCPU", "vcpu"), ("GPUSpec", "gpu_spec"), ("Ipv6Support", "ipv6_support"),
    ("IPv6Address", "ipv6_address"), ("Ipv6AddressCount", "ipv6_address_count"),
    ("IPv4Address", "ipv4_address"), ("SriovNetSupport", "sriov_net_support"),
    ("IsShowSriovNetSupport", "is_show_sriov_net_support"), ("InstanceCount", "instance_count"),
    ("MaxResults", "max_results"), ("NextToken", "next_token"), ("Marker", "marker"),
    ("PrivateIpAddress", "private_ip_address"), ("PublicIp", "public_ip"),
    ("NetworkInterfaceId", "network_interface_id"), ("SecurityGroupId", "security_group_id"),
    ("VpcId", "vpc_id"), ("CidrBlock", "cidr_block"), ("DhcpIpFrom", "dhcp_ip_from"),
    ("Dns1", "dns1"), ("DNS2", "dns2"), ("MacAddress", "mac_address"), ("KeyId", "key_id"),
    ("ChargeType", "charge_type"), ("PurchaseTime", "purchase_time"), ("BandWidth", "band_width"),
    ("LineId", "line_id"), ("AllocationId", "allocation_id"), ("LoadBalancerId", "load_balancer_id"),
    ("HealthCheckURI", "health_check_uri"), ("HTTPSPort", "https_port"),
    ("IsNpe", "is_npe"), ("OnMigrate", "on_migrate"), ("IamRoleName", "iam_role_name"),
    ("ModelName", "model_name"), ("ModelId", "model_id"), ("ModelValidate", "model_validate_"),
    ("Type", "type_"), ("Filter", "filter_"), ("Return", "return_"), ("ReturnSet", "return_set"),
    ("Name", "name"), ("DryRun", "dry_run"), ("ClientToken", "client_token"),
]


@pytest.mark.parametrize("wire, python", CASES)
def test_python_name(wire: str, python: str) -> None:
    assert identifier(wire) == python


def test_table_is_large_and_unique() -> None:
    assert len(CASES) >= 40
    assert len({w for w, _ in CASES}) == len(CASES)


def test_model_prefix_names_work_on_a_real_model() -> None:
    from pydantic import Field

    from ksyun_sdk._runtime.models import ResponseModel

    class Thing(ResponseModel):
        model_name: str | None = Field(None, alias="ModelName")

    assert Thing.model_validate({"ModelName": "x"}).model_name == "x"
