"""Goodwill, honestly: what an asking price means, by the two methods advisers use.

The platform does not value practices. It shows a listing's own asking range through the two
methods the LHV describes advisers using (an amount per patient; the excess-profit method),
against the NZa's normative labour cost of a practice-holding GP as the reference income, with
every figure's source and date (``docs/goodwill.md``).
"""

from __future__ import annotations

from dataclasses import dataclass

# NZa, tariffs for GP care 2025 (published 1 July 2024): the normative labour cost component
# (NAC) of one FTE practice-holding GP, price level 2025. A normative reward plus social
# charges used to build the tariffs, not anyone's income.
NZA_LABOUR_COST_PER_FTE = 202_476
NZA_PRICE_LEVEL = 2025
# LHV: against asking goodwill since the members' council position of 2007, reaffirmed in
# 2016; the legal ban ended with the Ziekenfondswet on 1 January 2006.
LHV_POSITION_SINCE, LHV_REAFFIRMED, BAN_ENDED = 2007, 2016, 2006
# Years of excess profit the worked example spreads an asking price over. How many years an
# adviser capitalises is their and the buyer's choice, not a fact the platform knows, so the
# example shows three and picks none.
HORIZONS = (1, 3, 5)


@dataclass(frozen=True)
class Horizon:
    """The asking price spread over ``years`` of excess profit."""

    years: int
    excess_per_year: int  # what the practice must earn above the reference each year
    profit_per_year: int  # the reference for the listing's FTE plus that excess
    profit_per_fte: int


@dataclass(frozen=True)
class Reading:
    """One asking amount read through both methods."""

    amount: int
    per_patient: int  # method 1: the amount per registered patient
    reference: int  # NZa normative labour cost for the listing's GP FTE
    horizons: tuple[Horizon, ...]  # method 2: the excess-profit method


def read(amount: int, *, patients: int, fte: float) -> Reading:
    """What ``amount`` means for a practice of ``patients`` and ``fte`` GP FTE.

    Parameters
    ----------
    amount: an asking goodwill in euros (> 0).
    patients: registered patients (> 0).
    fte: GP FTE of the practice (> 0).

    Returns
    -------
    The amount per patient, the reference income for the FTE, and per horizon the excess
    profit per year it implies and the practice profit that would make it pay back.
    """
    reference = round(NZA_LABOUR_COST_PER_FTE * fte)
    horizons = []
    for years in HORIZONS:
        excess = round(amount / years)
        profit = reference + excess
        horizons.append(Horizon(years, excess, profit, round(profit / fte)))
    return Reading(amount, round(amount / patients), reference, tuple(horizons))


def readings(
    low: int | None, high: int | None, *, patients: int, fte: float
) -> tuple[Reading, ...]:
    """Both ends of a listing's asking range (none when no goodwill is asked)."""
    if low is None or patients <= 0 or fte <= 0:
        return ()
    ends = [low] if high is None or high == low else [low, high]
    return tuple(read(a, patients=patients, fte=fte) for a in ends if a > 0)
