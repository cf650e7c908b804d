import pytest

from automation.timings import WaitTimeout, wait_until


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_returns_the_first_truthy_value() -> None:
    clock = FakeClock()
    values = iter([None, 0, "ready"])
    assert (
        wait_until(lambda: next(values), name="x", timeout=1, interval=0.1, clock=clock, sleep=clock.sleep) == "ready"
    )
    assert clock.sleeps == [0.1, 0.1]


def test_times_out_with_its_name_and_last_value() -> None:
    clock = FakeClock()
    with pytest.raises(WaitTimeout) as err:
        wait_until(lambda: [], name="the dialog", timeout=0.25, interval=0.1, clock=clock, sleep=clock.sleep)
    assert err.value.name == "the dialog" and err.value.last == []
    assert "the dialog" in str(err.value)
    assert sum(clock.sleeps) == pytest.approx(0.25)  # never sleeps past the deadline


def test_probes_once_even_with_zero_timeout() -> None:
    calls = []
    with pytest.raises(WaitTimeout):
        wait_until(lambda: calls.append(1), name="x", timeout=0)
    assert calls == [1]
