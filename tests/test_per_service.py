"""generator.ir.per_service: one computation per service object, never a stale answer."""

from __future__ import annotations

from generator.ir import Service, per_service


def test_computed_once_per_service_and_never_shared_between_services() -> None:
    calls: list[str] = []

    @per_service
    def fact(service: Service) -> str:
        calls.append(service.name)
        return service.name.upper()

    a, b = Service("kec", "2016-03-04"), Service("vpc", "2016-03-04")
    assert [fact(a), fact(a), fact(b), fact(a)] == ["KEC", "KEC", "VPC", "KEC"]
    assert calls == ["kec", "vpc"]
    # an equal but distinct service object is its own entry (keyed by identity)
    assert fact(Service("kec", "2016-03-04")) == "KEC" and calls == ["kec", "vpc", "kec"]


def test_answers_stay_right_past_the_cache_bound() -> None:
    @per_service
    def fact(service: Service) -> str:
        return service.name

    services = [Service(f"s{i}", "2020-01-01") for i in range(200)]
    assert [fact(s) for s in services] == [s.name for s in services]
    assert fact.__name__ == "fact"
