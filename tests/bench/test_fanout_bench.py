"""The fan-out benchmark's own check, small: two replicas, every post once, none lost."""

from sqlalchemy import Engine

from bench.fanout import measure_fanout, minimum_seconds


def test_two_replicas_fan_out_every_post_once(engine: Engine) -> None:
    result = measure_fanout(
        engine, channels=12, busy=3, per_minute=1200, burst=5, latency=0.01, replicas=2
    )

    assert result.posts == 15
    assert (result.accepted, result.lost, result.duplicated) == (15, 0, 0)
    assert result.recorded_sent == 15
    assert result.wall_s >= 1.0  # the busy channels' two posts go a second apart


def test_the_minimum_is_the_workspace_pace_past_its_burst() -> None:
    assert minimum_seconds(550, 300, 5) == 109.0
    assert minimum_seconds(6, 600, 5) == 1.0  # a channel's two posts, a second apart
