import pytest

from litestar_new.errors import UsageError
from litestar_new.spec import FEATURES, RUNGS, Feature, Option, feature, resolve, valid_combinations


def test_every_feature_default_is_a_valid_value() -> None:
    for item in FEATURES:
        for default in item.defaults.values():
            assert default in item.values


def test_every_feature_is_offered_by_a_known_rung() -> None:
    names = {r.name for r in RUNGS}
    for item in FEATURES:
        assert item.rungs
        assert set(item.defaults) <= names


def test_resolve_fills_in_the_rung_defaults() -> None:
    spec = resolve("layered", {})
    assert spec.rung == "layered"
    assert spec.features == {
        f.key: f.defaults["layered"] for f in FEATURES if "layered" in f.defaults
    }


def test_resolve_keeps_only_the_features_of_the_rung() -> None:
    assert "db" not in resolve("script", {}).features
    assert "docker" not in resolve("script", {}).features


def test_resolve_takes_an_explicit_choice() -> None:
    assert resolve("layered", {"db": "postgres"}).features["db"] == "postgres"


def test_a_feature_the_rung_does_not_offer_is_refused_with_the_rungs_that_do() -> None:
    with pytest.raises(UsageError, match=r"--db is not available on the script rung.*layered"):
        resolve("script", {"db": "postgres"})


def test_an_unknown_rung_lists_the_rungs() -> None:
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
    for chosen in RUNGS:
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
