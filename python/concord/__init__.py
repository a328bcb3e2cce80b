"""concord from Python: simulate a region's security order and compare orders, with pandas.

The module is a thin face over the same C++ library as the ``concord`` command-line program:
the same inputs and seed give exactly the numbers the CLI prints and stores.

>>> import concord
>>> res = concord.compare("scenarios/asia-pacific-2015.toml", orders="all", runs=1000, years=35)
>>> res.summary[["rank", "order", "gp_war", "gp_war_lo", "gp_war_hi"]]
>>> res.survival            # Kaplan-Meier curves of the time to the first great-power war
>>> res.runs, res.yearly, res.events, res.statistics

Functions
---------
Scenarios and orders
    :func:`load_scenario`, :func:`build_scenario`, :func:`load_order`, :func:`presets`
Ensembles (GIL released while simulating; Ctrl-C stops after the runs in flight)
    :func:`run`, :func:`compare` -> :class:`Result` (DataFrames)
Measures of the field (numpy arrays, lists or pandas Series)
    :func:`cinc`, :func:`s_score`, :func:`tau_b`, :func:`concentration`, :func:`voting_power`
Collective decisions
    :func:`bargain`, :func:`decide`
Results stores (the SQLite files of ``--out`` / ``out=``)
    :func:`read_store`

Every bad input raises :class:`InputError` (a ``ValueError``) naming file, line, column, field
and what was expected. Units and sources of every mechanism: ``docs/model.md``; the store's
schema: ``docs/results.md``.
"""
from __future__ import annotations

import dataclasses
import io
import os
import sqlite3
import sys
import warnings
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _concord
from .errors import InputError, Problem

__all__ = [
    "InputError", "Problem", "Scenario", "Order", "Result", "Decision",
    "load_scenario", "build_scenario", "load_order", "presets",
    "run", "compare",
    "cinc", "s_score", "tau_b", "concentration", "voting_power",
    "bargain", "decide", "read_store",
]

__version__: str = _concord.__version__
#: git commit of the source tree this module was built from ("unknown" outside a checkout)
__commit__: str = _concord.commit

Scenario = _concord.Scenario
Order = _concord.Order

PathLike = "str | os.PathLike[str]"


# ---------------------------------------------------------------------------------------------
# Scenarios and orders


def load_scenario(path: str | os.PathLike) -> Scenario:
    """Load and validate a scenario file (TOML, ``docs/scenario.md``).

    Fields are readable as attributes (``s.meta.start_year``, ``s.actors[0].gdp``); missing
    figures are NaN. Units follow the sources: GDP in millions of 2011 international dollars
    (Maddison), population in thousands, NMC components in COW units, trade in millions of
    current US$, distance in km. Raises :class:`InputError` listing every problem in the file.
    """
    return _concord.load_scenario(os.fspath(path))


def build_scenario(region: str = "asia-pacific", year: int = 2015, *, states: Sequence[int] | None = None,
                   data_dir: str | os.PathLike | None = None, horizon: int = 30) -> Scenario:
    """Build a scenario for a region and start year from the datasets (``concord scenario build``).

    ``region`` is a region of ``data/regions.toml`` or ``"world"``; ``states`` (COW codes) replace
    the region. The datasets are read from ``data_dir``, else ``$CONCORD_DATA_DIR``, else
    ``../shared/data`` beside the project. The builder's notes (states left out, ...) are in
    ``scenario.build_notes``. Save it with ``scenario.save(path)``.
    """
    scenario, notes = _concord.build_scenario(region, int(year), list(states or []),
                                              None if data_dir is None else os.fspath(data_dir), int(horizon))
    scenario.build_notes = list(notes)
    return scenario


def load_order(name_or_path: str | os.PathLike) -> Order:
    """Load an order: a preset name (``"consociational"``, see :func:`presets`) or an order file.

    As ``--order`` on the command line: a path to an existing file, or anything ending in
    ``.toml`` or containing a ``/``, is read as a file. Its rules are attributes
    (``o.crisis.manager``, ``o.restraint.toward_great_powers``); ``o.describe()`` says them in
    words. Raises :class:`InputError` with the location of every problem.
    """
    return _concord.load_order(os.fspath(name_or_path))


def presets() -> list[str]:
    """Names of the shipped order presets (``orders/*.toml``), sorted: ``compare(orders="all")``."""
    return list(_concord.preset_names())


# ---------------------------------------------------------------------------------------------
# Ensembles


@dataclasses.dataclass
class Result:
    """What :func:`run` and :func:`compare` return.

    Attributes
    ----------
    summary : DataFrame
        The CLI's ``--format csv`` table, built by the same library code: one row per order, ranked
        by P(great-power war within the horizon) with ties: ``rank`` (nullable integer; none for
        ``run``), ``tied`` (the CLI's ``3=``), ``order``, then for every column of the table
        ``<metric>``, ``<metric>_lo``, ``<metric>_hi`` (its interval, docs/results.md),
        ``<metric>_mc_lo``, ``<metric>_mc_hi`` (Monte Carlo interval) and ``<metric>_n``;
        a missing value (no run resolved it) is NaN.
    paired : DataFrame
        ``compare`` with a baseline: for each other order, ``<metric>`` (order - baseline, mean
        over replicates on common random numbers) with its Student-t 95% interval. Empty otherwise.
    survival : DataFrame
        Kaplan-Meier curve of the years to the first great-power war per order: ``order``, ``t``
        (years after the start year), ``survival``, Greenwood 95% ``lo``/``hi``, ``at_risk``.
    statistics : DataFrame
        The library's statistics, exactly the rows of the store's ``statistics`` table
        (``grp, metric, statistic, at, estimate, lo, hi, n``).
    runs : DataFrame
        One row per run: ``run_id``, ``order``, ``replicate`` and every summary metric.
    yearly : DataFrame or None
        One row per run and simulated year (``run_id``, ``order``, ``year``) with every yearly
        metric; None when called with ``yearly=False``.
    events : DataFrame or None
        Wars (and with ``events="all"`` MIDs, crises, measures, vetoes): ``run_id``, ``order``,
        ``seq``, ``year``, ``kind``, ``subject``, ``side_a``/``side_b`` (lists of COW ccodes),
        ``outcome``, ``value`` (a war's battle deaths), ``end_year``.
    info : dict
        Scenario, orders, runs, years, seed, threads, hazards file, the equivalent ``command``
        line, plan digest, concord version and commit, inputs with their SHA-256 digests,
        warnings, ``order_summary`` (``run``: the order's rules in words), and the store
        (``store``, ``ensemble_id``) and whether the ensemble is complete.
    """

    summary: pd.DataFrame
    paired: pd.DataFrame
    survival: pd.DataFrame
    statistics: pd.DataFrame
    runs: pd.DataFrame
    yearly: pd.DataFrame | None
    events: pd.DataFrame | None
    info: dict

    def __repr__(self) -> str:
        i = self.info
        head = (f"<concord.Result {i['kind']}: {i['scenario']}, {len(i['orders'])} order(s) x {i['runs']} runs x "
                f"{i['years']} years, seed {i['seed']}>")
        cols = [c for c in ("rank", "order", "gp_war", "gp_war_lo", "gp_war_hi") if c in self.summary]
        return head + "\n" + self.summary[cols].to_string(index=False)


def _summary(csv_text: str) -> pd.DataFrame:
    """Wide table (one row per order): the CLI's ``--format csv`` table, built by the same library
    code (ensemble/report.hpp), so the two agree to the last digit. ``rank`` is the rank as a
    number and ``tied`` says whether it is shared (the CLI prints ``3=``); every metric comes with
    ``_lo``, ``_hi`` (its interval, docs/results.md), ``_mc_lo``, ``_mc_hi`` (Monte Carlo) and ``_n``."""
    out = pd.read_csv(io.StringIO(csv_text), dtype={"rank": str, "order": str}, float_precision="round_trip")
    rank = out["rank"].fillna("")  # `run` has no rank
    out["rank"] = pd.to_numeric(rank.str.rstrip("="), errors="coerce").astype("Int64")
    out.insert(1, "tied", rank.str.endswith("=").astype(bool))
    return out


def _paired(stats: pd.DataFrame, baseline: str | None) -> pd.DataFrame:
    pd_rows = stats[stats["statistic"] == "paired_difference"]
    if baseline is None or pd_rows.empty:
        return pd.DataFrame({"order": pd.Series(dtype=str)})
    suffix = " - " + baseline
    groups = list(dict.fromkeys(pd_rows["grp"]))
    out = pd.DataFrame({"order": [g[: -len(suffix)] if g.endswith(suffix) else g for g in groups]})
    for m in dict.fromkeys(pd_rows["metric"]):
        sub = pd_rows[pd_rows["metric"] == m].set_index("grp")
        for sfx, col in (("", "estimate"), ("_lo", "lo"), ("_hi", "hi")):
            out[m + sfx] = pd.Series(groups).map(sub[col]).astype(float).to_numpy()
    out.attrs["baseline"] = baseline
    return out


def _as_scenario(scenario) -> tuple[Scenario, str]:
    """A Scenario object and the label the CLI would record for it (the path as given)."""
    if isinstance(scenario, _concord.Scenario):
        return scenario, scenario.file or scenario.meta.name
    path = os.fspath(scenario)
    return _concord.load_scenario(path), path


def _as_orders(orders) -> tuple[list, list[str]]:
    """Order objects and the words that name them on a command line (``--orders``)."""
    if isinstance(orders, (str, os.PathLike, _concord.Order)):
        orders = [orders]
    objs, specs = [], []
    for o in orders:
        if isinstance(o, _concord.Order):
            objs.append(o)
            specs.append(o.source_file or o.name)
        elif isinstance(o, (str, os.PathLike)) and os.fspath(o) == "all":
            for name in _concord.preset_names():
                objs.append(_concord.load_order(name))
                specs.append(name)
        else:
            objs.append(_concord.load_order(os.fspath(o)))
            specs.append(os.fspath(o))
    return objs, specs


def _param_assignments(params: Mapping[str, float] | Iterable[str] | None) -> list[str]:
    """``--param name=value`` strings; floats written with repr, which round-trips exactly."""
    if params is None:
        return []
    if isinstance(params, Mapping):
        return [f"{k}={float(v)!r}" for k, v in params.items()]
    return [str(p) for p in params]


def _frame(columns: dict, categorical=("order",)) -> pd.DataFrame:
    df = pd.DataFrame(columns)
    for c in categorical:
        if c in df:
            df[c] = pd.Categorical(df[c], categories=list(dict.fromkeys(df[c])))
    return df


def _simulate(kind, scenario, orders, *, runs, years, seed, threads, params, events, baseline, out, resume,
              store_yearly, progress, max_runs, yearly, collect_events) -> Result:
    sc, label = _as_scenario(scenario)
    order_objs, specs = _as_orders(orders)
    if progress is None:
        progress = sys.stderr is not None and hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
    raw = _concord.simulate_orders(
        sc, order_objs, specs, kind == "compare", label, int(runs), int(years or 0), int(seed), int(threads),
        _param_assignments(params), events, baseline, "" if out is None else os.fspath(out), bool(resume),
        bool(store_yearly), not progress, int(max_runs), bool(yearly), bool(collect_events))
    info = dict(raw["info"])
    for w in info["warnings"]:
        warnings.warn(w, stacklevel=3)
    if not info["complete"]:
        warnings.warn(f"stopped after {info['simulated']} new runs (max_runs): the statistics cover only the runs "
                      "done" + (f"; call again with resume=True to complete ensemble {info['ensemble_id']}"
                                if info["store"] else ""), stacklevel=3)
    stats = pd.DataFrame(raw["statistics"])
    survival = stats[stats["statistic"] == "survival"].rename(
        columns={"grp": "order", "at": "t", "estimate": "survival", "n": "at_risk"})
    survival = survival[["order", "t", "survival", "lo", "hi", "at_risk"]].reset_index(drop=True)
    survival["t"] = survival["t"].astype(int)
    return Result(
        summary=_summary(raw["summary_csv"]),
        paired=_paired(stats, info["baseline"]),
        survival=survival,
        statistics=stats,
        runs=_frame(raw["runs"]),
        yearly=_frame(raw["yearly"]) if yearly else None,
        events=_frame(raw["events"]) if collect_events else None,
        info=info,
    )


def run(scenario, order, *, runs: int = 100, years: int | None = None, seed: int = 1, threads: int = 0,
        params: Mapping[str, float] | None = None, events: str = "wars", out: str | os.PathLike | None = None,
        resume: bool = False, store_yearly: bool = False, progress: bool | None = None, max_runs: int = 0,
        yearly: bool = True, collect_events: bool = True) -> Result:
    """Simulate a scenario under one order (``concord run``).

    Parameters
    ----------
    scenario : path or Scenario
        A scenario file or an object from :func:`load_scenario` / :func:`build_scenario`.
    order : str, path or Order
        A preset name, an order file, or an object from :func:`load_order`.
    runs : int
        Runs (independent replicates) of the order.
    years : int, optional
        Horizon in simulated years, 1..1000 (default: the scenario's ``horizon``).
    seed : int
        Master seed (unsigned 64-bit); with the same inputs it fixes every number exactly.
    threads : int
        Worker threads (0: all cores). Results do not depend on it.
    params : mapping, optional
        Engine parameters to override, ``{"name": value}`` (``--param``; ``docs/model.md``).
    events : {"wars", "all", "none"}
        Events recorded: wars only, or also MIDs, crises, measures and vetoes.
    out : path, optional
        Write the results store (SQLite, ``docs/results.md``) as ``--out`` does.
    resume : bool
        Continue the interrupted ensemble with the same plan in ``out``.
    store_yearly : bool
        With ``out``: also store every run's yearly metrics (``--yearly``; large).
    progress : bool, optional
        Progress bar on stderr (default: when stderr is a terminal).
    max_runs : int
        Stop after this many new runs (0: all); continue later with ``resume=True``.
    yearly, collect_events : bool
        Return the yearly metrics (memory: runs x years x about 25 metrics x 8 bytes) and events.

    Ctrl-C lets the runs in flight finish (and commit to ``out``), then raises KeyboardInterrupt.
    """
    return _simulate("run", scenario, order, runs=runs, years=years, seed=seed, threads=threads, params=params,
                     events=events, baseline="multiplex", out=out, resume=resume, store_yearly=store_yearly,
                     progress=progress, max_runs=max_runs, yearly=yearly, collect_events=collect_events)


def compare(scenario, orders="all", *, runs: int = 1000, years: int | None = None, seed: int = 1, threads: int = 0,
            params: Mapping[str, float] | None = None, baseline: str = "multiplex", events: str = "wars",
            out: str | os.PathLike | None = None, resume: bool = False, store_yearly: bool = False,
            progress: bool | None = None, max_runs: int = 0, yearly: bool = True,
            collect_events: bool = True) -> Result:
    """Simulate a scenario under several orders on common random numbers (``concord compare``).

    ``orders`` is ``"all"`` (every preset), or a list of preset names, order files and
    :class:`Order` objects. Replicate r of every order shares random stream r, so differences
    between orders are paired: ``Result.paired`` holds them against ``baseline`` (default
    ``multiplex``, used when it is among the orders; another name must be). ``Result.summary``
    ranks the orders by P(great-power war within the horizon) with 95% intervals. The other
    arguments are those of :func:`run`; the default of 1000 runs is the main job's.
    """
    return _simulate("compare", scenario, orders, runs=runs, years=years, seed=seed, threads=threads,
                     params=params, events=events, baseline=baseline, out=out, resume=resume,
                     store_yearly=store_yearly, progress=progress, max_runs=max_runs, yearly=yearly,
                     collect_events=collect_events)


# Issue 12 adds `concord explain` (mechanism ablation) to the library. Its Python face belongs
# here: a binding in python/src/explain.cpp (bind_explain, called from module.cpp) returning
# columns, and an `explain(scenario, order, *, vs="multiplex", runs=..., ...)` wrapper that
# turns them into DataFrames like _simulate does (and an entry in __all__).


# ---------------------------------------------------------------------------------------------
# Measures

_NMC = ("milex", "milper", "irst", "pec", "tpop", "upop")


def cinc(components) -> np.ndarray:
    """Composite Index of National Capability of each state of one system-year.

    ``components``: a DataFrame (or mapping) with the six COW NMC columns ``milex, milper,
    irst, pec, tpop, upop`` (NaN = missing, never -9), one row per state. CINC_i is the mean over
    the components present for state i of its share of the system total of that component
    (Singer, Bremer & Stuckey 1972; reproduces the published NMC ``cinc`` to within 2.5e-8).
    Returns one value per row in [0, 1] (NaN for a state with no component).
    """
    cols = [np.asarray(components[c], dtype=float) for c in _NMC]
    return _concord.cinc([c.tolist() for c in cols])


def s_score(a, b, weights=None, *, distance: str = "absolute", range: float = 3.0, ranges=None) -> float:
    """Signorino & Ritter's (1999) S: similarity of two foreign-policy portfolios, in [-1, 1].

    ``S = 1 - 2 * sum w_k d_k / sum w_k`` with ``d_k = |a_k - b_k| / D`` (``distance="absolute"``)
    or its square (``"squared"``). ``range`` is D (3 for ATOP alliance levels 0..3); ``ranges``
    gives one range per dimension instead. ``weights`` (e.g. capability shares) give the weighted S.
    """
    return _concord.s_score(a, b, weights, distance, float(range), ranges)


def tau_b(a, b) -> float | None:
    """Kendall's tau-b between two portfolios (Bueno de Mesquita 1975), or None when undefined
    (fewer than two entries, or a constant portfolio)."""
    return _concord.tau_b(a, b)


def concentration(capabilities) -> pd.Series:
    """Ray & Singer's (1973) concentration CON in [0, 1] and the effective number of poles
    1 / sum s_i^2 (Laakso & Taagepera 1979) of non-negative capabilities (normalised here):
    a Series with ``n``, ``con``, ``effective_poles``, ``sum_squared_shares``."""
    return pd.Series(_concord.concentration(capabilities))


def voting_power(weights, quota: float, *, members: Sequence[str] | None = None,
                 method: str = "automatic") -> pd.DataFrame:
    """A priori voting power in the weighted game [quota; weights].

    ``weights``: a sequence, a Series (its index names the members), or a DataFrame with columns
    ``member, weight`` (the CSV of ``concord measure voting-power``). Returns one row per member:
    Shapley-Shubik index, Banzhaf swings, normalised and absolute (Penrose) Banzhaf index;
    ``attrs`` hold Coleman's power of the collectivity to act, the number of winning coalitions
    and the method (enumeration for any weights up to 22 members, generating functions for
    integer weights up to 127).
    """
    if isinstance(weights, pd.DataFrame):
        members = list(weights["member"])
        weights = weights["weight"]
    elif isinstance(weights, pd.Series) and members is None:
        members = [str(i) for i in weights.index]
    w = np.asarray(weights, dtype=float)
    r = _concord.voting_power(w, float(quota), method)
    out = pd.DataFrame({
        "member": members if members is not None else np.arange(1, len(w) + 1),
        "weight": w,
        "shapley_shubik": r["shapley_shubik"],
        "banzhaf_swings": r["banzhaf_swings"],
        "banzhaf_normalised": r["banzhaf_normalised"],
        "banzhaf_absolute": r["banzhaf_absolute"],
    })
    out.attrs.update(power_to_act=r["power_to_act"], winning_coalitions=r["winning_coalitions"],
                     method=r["method"], quota=float(quota))
    return out


# ---------------------------------------------------------------------------------------------
# Collective decisions


def _bargain_input(actors, input: str):
    """(actor names, capability, positions k x n, saliences k x n) from a CSV path or a DataFrame."""
    if isinstance(actors, (str, os.PathLike)):
        d = _concord.read_bargain_csv(os.fspath(actors), input)
        return list(d["actor"]), np.asarray(d["capability"]), np.asarray(d["position"]), np.asarray(d["salience"])
    df = actors
    if "position" in df.columns:
        pos_cols, sal_cols = ["position"], ["salience"]
    else:
        pos_cols = sorted((c for c in df.columns if str(c).startswith("position_")), key=lambda c: int(c[9:]))
        sal_cols = sorted((c for c in df.columns if str(c).startswith("salience_")), key=lambda c: int(c[9:]))
    names = list(df["actor"]) if "actor" in df.columns else [str(i) for i in df.index]
    return (names, np.asarray(df["capability"], dtype=float),
            np.asarray([df[c] for c in pos_cols], dtype=float), np.asarray([df[c] for c in sal_cols], dtype=float))


def bargain(actors, *, model: str = "compromise", rounds: int = 10, q: float = 1.0, loss: str = "quadratic",
            input: str = "auto", trace: bool = False) -> pd.DataFrame:
    """Predict a collective decision (``concord bargain``).

    ``actors``: a CSV path (concord's ``actor,capability,position,salience`` layout, with
    ``position_1..k`` / ``salience_1..k`` for k issues, or a KTAB SMP file) or a DataFrame with
    those columns. Capability is any power measure (e.g. CINC), salience in [0, 1], positions on
    the issue's own scale. ``model``:

    - ``compromise``: capability x salience weighted mean (Achen 2006);
    - ``median``: weighted median (Black 1948; Bueno de Mesquita 1994);
    - ``nash``: asymmetric Nash bargaining solution (Kalai 1977), ``loss`` linear or quadratic;
    - ``bdm`` / ``bdm-scholz-figure``: Bueno de Mesquita's expected-utility model as Scholz,
      Calbert & Smith (2011) print it / as their figure reproduces, for at most ``rounds``
      rounds with status-quo probability ``q``.

    Returns one row per issue with the ``outcome`` (for bdm: the weighted ``mean`` and ``median``
    after the last round, ``rounds`` and ``settled``); with ``trace=True`` and a bdm model, one row
    per issue, round and actor with its ``position`` and the ``risk`` it acted with.
    """
    names, cap, pos, sal = _bargain_input(actors, input)
    r = _concord.bargain(cap.tolist(), pos.tolist(), sal.tolist(), model, int(rounds), float(q), loss)
    if "outcome" in r:
        return pd.DataFrame({"issue": np.arange(1, len(r["outcome"]) + 1), "outcome": r["outcome"]})
    if not trace:
        return pd.DataFrame({
            "issue": np.arange(1, len(r["issues"]) + 1),
            "mean": [t["mean"][-1] for t in r["issues"]],
            "median": [t["median"][-1] for t in r["issues"]],
            "rounds": [t["rounds"] for t in r["issues"]],
            "settled": [t["settled"] for t in r["issues"]],
        })
    frames = []
    for d, t in enumerate(r["issues"], start=1):
        pos_t, risk_t = np.asarray(t["positions"]), np.asarray(t["risk"])
        for rnd in range(pos_t.shape[0]):
            frames.append(pd.DataFrame({
                "issue": d, "round": rnd, "actor": names, "position": pos_t[rnd],
                "risk": risk_t[rnd - 1] if rnd > 0 else np.nan,
                "mean": t["mean"][rnd], "median": t["median"][rnd]}))
    return pd.concat(frames, ignore_index=True)


@dataclasses.dataclass
class Decision:
    """What a decision rule made of one proposal: ``passes``, the ``level`` adopted (the status
    quo if it fails), the ``blockers`` by name, and per member its ``accepted_share`` of the move,
    ``veto_score`` (salience x opposition), whether it ``supports`` it and whether it ``blocked``."""

    rule: str
    passes: bool
    level: float
    blockers: list
    members: pd.DataFrame


def decide(members, *, rule: str, proposal: float = 1.0, status_quo: float = 0.0, veto_threshold: float = 0.5,
           quota: float = 0.0, hegemon: str | None = None, directorate: Sequence[str] | None = None) -> Decision:
    """Apply an institution's decision rule to one proposal (``concord decide``).

    ``members``: a CSV path or a DataFrame with ``member, position, salience`` and optionally
    ``weight`` (default 1) and ``directorate`` (0/1). ``rule``: ``unanimity``, ``minority-veto``
    (consensus with minority veto, the "ASEAN way"; Acharya 2014), ``consensus-minus-one`` (OSCE
    1992), ``qmv`` (weighted qualified majority, needs ``quota``), ``directorate`` (unanimity
    among the directorate) or ``hegemon`` (the member named ``hegemon`` decides). Definitions:
    ``docs/model.md``, "collective decisions".
    """
    if isinstance(members, (str, os.PathLike)):
        d = _concord.read_decision_csv(os.fspath(members))
        df = pd.DataFrame({k: d[k] for k in ("member", "position", "salience", "weight", "directorate")})
    else:
        df = members.copy()
        if "weight" not in df:
            df["weight"] = 1.0
        if "directorate" not in df:
            df["directorate"] = 0
    names = [str(m) for m in df["member"]]

    def index_of(name: str, what: str) -> int:
        if name not in names:
            raise InputError([("", 0, 0, what, f"'{name}' is not a member")])
        return names.index(name)

    direc = np.asarray(df["directorate"], dtype=float).astype(int)
    for name in directorate or []:
        direc[index_of(name, "directorate")] = 1
    heg = index_of(hegemon, "hegemon") if hegemon is not None else -1
    if rule == "hegemon" and hegemon is None:
        raise InputError([("", 0, 0, "hegemon", "the hegemon rule needs hegemon=NAME")])
    pos = np.asarray(df["position"], dtype=float)
    sal = np.asarray(df["salience"], dtype=float)
    r = _concord.decide(pos.tolist(), sal.tolist(), np.asarray(df["weight"], dtype=float).tolist(), direc.tolist(),
                        rule, float(status_quo), float(proposal), float(veto_threshold), float(quota), heg)
    share = np.asarray(r["accepted_share"])
    table = pd.DataFrame({"member": names, "position": pos, "salience": sal,
                          "weight": np.asarray(df["weight"], dtype=float), "accepted_share": share,
                          "veto_score": sal * (1.0 - share), "supports": share >= 0.5, "blocked": r["blocked"]})
    return Decision(rule=r["rule"], passes=bool(r["passes"]), level=float(r["level"]),
                    blockers=[n for n, b in zip(names, r["blocked"]) if b], members=table)


# ---------------------------------------------------------------------------------------------
# Results stores


def read_store(path: str | os.PathLike, *, ensemble_id: int | None = None) -> dict[str, pd.DataFrame]:
    """Every table of a results store (``--out`` / ``out=``) as DataFrames, keyed by table name.

    The file is opened read-only. Tables and columns are read as they are (``docs/results.md``),
    so tables added by later schema versions appear as well. With ``ensemble_id``, tables that
    have an ``ensemble_id`` column keep only that ensemble's rows. ``events.side_a``/``side_b``
    stay JSON text (``json.loads`` gives the ccodes).
    """
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise InputError([(path, 0, 0, "", "no such results store")])
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        if "meta" not in names or "ensembles" not in names:
            raise InputError([(path, 0, 0, "", "not a concord results store (no meta or ensembles table)")])
        out = {}
        for name in names:
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
            sql = f'SELECT * FROM "{name}"'
            args: tuple = ()
            if ensemble_id is not None and "ensemble_id" in cols:
                sql += " WHERE ensemble_id = ?"
                args = (int(ensemble_id),)
            out[name] = pd.read_sql_query(sql, con, params=args)
        return out
    finally:
        con.close()
