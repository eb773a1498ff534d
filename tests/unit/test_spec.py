import pytest

from litestar_new.errors import UsageError
from litestar_new.spec import (
    FEATURES,
    LADDER,
    PRESETS,
    Effects,
    Feature,
    Option,
    Preset,
    carried_features,
    climb_check,
    feature,
    recorded_preset,
    resolve,
    valid_combinations,
)
from litestar_new.spec.effects import list_lines


def test_every_feature_default_is_a_valid_value() -> None:
    for item in FEATURES:
        for default in item.defaults.values():
            assert default in item.values


def test_every_feature_is_offered_by_a_known_preset() -> None:
    names = {r.name for r in PRESETS}
    for item in FEATURES:
        assert item.presets
        assert set(item.defaults) <= names


def test_resolve_fills_in_the_preset_defaults() -> None:
    spec = resolve("layered", {})
    assert spec.preset == "layered"
    assert spec.features == {
        f.key: f.defaults["layered"] for f in FEATURES if "layered" in f.defaults
    }


def test_resolve_keeps_only_the_features_of_the_preset() -> None:
    assert "db" not in resolve("script", {}).features
    assert "docker" not in resolve("script", {}).features


def test_resolve_takes_an_explicit_choice() -> None:
    assert resolve("layered", {"db": "postgres"}).features["db"] == "postgres"


def test_a_feature_the_preset_does_not_offer_is_refused_with_the_presets_that_do() -> None:
    with pytest.raises(UsageError, match=r"--db is not available on the script preset.*layered"):
        resolve("script", {"db": "postgres"})


def test_an_unknown_preset_lists_the_presets() -> None:
    with pytest.raises(UsageError, match="valid choices: script, api, layered"):
        resolve("monolith", {})


def test_an_invalid_choice_lists_the_choices() -> None:
    with pytest.raises(UsageError, match="valid choices: sqlite, postgres"):
        resolve("layered", {"db": "mysql"})


def test_an_unknown_feature_is_refused() -> None:
    with pytest.raises(UsageError, match="unknown feature"):
        resolve("api", {"frontend": True})


def test_toggle_parsing() -> None:
    docker = feature("docker")
    assert docker.parse("yes") is True
    assert docker.parse("False") is False
    with pytest.raises(UsageError, match="yes or no"):
        docker.parse("maybe")


def test_the_matrix_covers_every_combination_once() -> None:
    for chosen in PRESETS:
        specs = list(valid_combinations(chosen.name))
        offered = [f for f in FEATURES if chosen.name in f.defaults]
        expected = 1
        for item in offered:
            expected *= len(item.values)
        assert len(specs) == expected
        assert len({tuple(sorted(s.features.items())) for s in specs}) == expected


def test_the_table_refuses_a_default_that_is_no_option() -> None:
    with pytest.raises(ValueError, match="is no option"):
        Feature(
            key="x",
            question="x",
            help="x",
            kind="choice",
            options=(Option("a", ""), Option("b", "")),
            defaults={"api": "c"},
        )


def test_the_table_refuses_a_toggle_with_options() -> None:
    with pytest.raises(ValueError, match="boolean defaults"):
        Feature(
            key="x",
            question="x",
            help="x",
            kind="toggle",
            options=(Option("a", ""),),
            defaults={"api": True},
        )


def test_the_ladder_is_the_order_of_the_presets() -> None:
    assert LADDER == tuple(r.name for r in PRESETS) == ("script", "api", "layered")


@pytest.mark.parametrize(("old", "new"), [("script", "api"), ("api", "layered"), ("api", "api")])
def test_climbing_or_staying_is_allowed(old: str, new: str) -> None:
    climb_check(old, new)


def test_going_down_the_ladder_is_refused_with_the_ladder() -> None:
    with pytest.raises(
        UsageError,
        match=r"--preset api goes down the ladder from layered; update only climbs "
        r"\(script -> api -> layered\)",
    ):
        climb_check("layered", "api")


def test_an_unknown_recorded_preset_is_refused() -> None:
    assert recorded_preset({"preset": "api"}) == "api"
    with pytest.raises(UsageError, match="records the preset 'monolith'"):
        recorded_preset({"preset": "monolith"})


def test_staying_keeps_every_recorded_value() -> None:
    answers = {"preset": "api", "server": "uvicorn", "docker": False, "ci": "github"}
    features, origin = carried_features(answers, {}, "api", "api")
    assert features == {"server": "uvicorn", "docker": False, "ci": "github"}
    assert set(origin.values()) == {"kept: your choice"}


def test_climbing_keeps_choices_and_lets_defaults_follow_the_preset() -> None:
    # script's ci default is none: climbing to api, the default follows (api's is github);
    # granian was a choice: it stays
    answers = {"preset": "script", "server": "granian", "ci": "none"}
    features, origin = carried_features(answers, {}, "script", "api")
    assert features == {"server": "granian"}
    assert origin == {"server": "kept: your choice"}
    assert resolve("api", features).features["ci"] == "github"


def test_given_values_win_and_unoffered_features_are_dropped() -> None:
    answers = {"preset": "api", "server": "uvicorn", "docker": True}
    features, origin = carried_features(answers, {"db": "postgres"}, "api", "layered")
    assert features == {"db": "postgres", "docker": True}
    assert origin == {"db": "given", "docker": "kept: your choice"}


def test_effects_name_only_values_of_the_feature() -> None:
    with pytest.raises(ValueError, match="no value"):
        Feature(
            key="x",
            question="x",
            help="x",
            kind="toggle",
            defaults={"api": True},
            effects={"yes": Effects()},
        )


def test_requirements_sort_by_name_with_the_drivers_after_advanced_alchemy() -> None:
    lines = list_lines(resolve("layered", {"db": "postgres", "server": "granian"}), "dependencies")
    assert lines[:3] == ['"advanced-alchemy>=1.12.0",', '"asyncpg>=0.32.0",', '"alembic>=1.20.1",']
    assert '"litestar-granian>=0.16.0",' in lines
    assert not any("uvicorn" in line for line in lines)
    assert list_lines(resolve("script", {}), "dependencies")[-1] == '"uvicorn[standard]>=0.54.0",'


def test_a_preset_without_effects_brings_none() -> None:
    assert Preset(name="bare", summary="nothing").effects == Effects()
