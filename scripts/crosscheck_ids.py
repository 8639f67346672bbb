#!/usr/bin/env python3
"""Cross-checks the library's SSIN and enterprise number checks against python-stdnum.

Generates a deterministic list of identifiers (valid and invalid, with the separators people
type), asks the library for its verdicts (`cargo run --example id_verdicts`), and compares
them with `stdnum.be.nn` / `stdnum.be.bis` (SSIN) and `stdnum.be.vat` (enterprise number).

Where the two disagree, the RSZ's sources win; those cases are listed in EXCLUSIONS, each
with the source, and counted apart. Any other disagreement fails.
"""

import datetime
import random
import subprocess
import sys

from stdnum.be import bis, nn, vat

COUNT = 6000  # per kind: 12,000 identifiers in all
YEAR = datetime.date.today().year


def ssin_check(base9, from_2000):
    n = int(base9) + (2_000_000_000 if from_2000 else 0)
    return f"{base9}{97 - n % 97:02d}"


def enterprise_check(base8):
    return f"{base8}{97 - int(base8) % 97:02d}"


def separators(rng, digits, groups):
    """The digits cut into `groups`, joined by what people type."""
    sep = rng.choice(["", "", " ", ".", "-"])
    parts, start = [], 0
    for size in groups:
        parts.append(digits[start:start + size])
        start += size
    return sep.join(parts)


def ssins(rng):
    out = []
    for i in range(COUNT):
        yy = rng.randrange(100)
        month = rng.choice([rng.randrange(1, 13)] * 6 + [0, 13, 19, 20, rng.randrange(21, 33), 33, 40,
                                                         rng.randrange(41, 53), 53, 60, 99])
        day = rng.choice([rng.randrange(1, 29)] * 6 + [0, 29, 30, 31, 32, 45, 99])
        seq = rng.randrange(1000)
        base9 = f"{yy:02d}{month:02d}{day:02d}{seq:03d}"
        kind = i % 4
        if kind == 0:
            value = ssin_check(base9, False)
        elif kind == 1:
            value = ssin_check(base9, True)
        elif kind == 2:
            value = ssin_check(base9, rng.random() < 0.5)
            value = value[:10] + str((int(value[10]) + rng.randrange(1, 10)) % 10)
        else:
            value = f"{rng.randrange(10 ** 11):011d}"
        if rng.random() < 0.02:
            value = value[: rng.randrange(1, 11)]
        out.append(separators(rng, value, [2, 2, 2, 3, 2]) if len(value) == 11 else value)
    return out


def enterprises(rng):
    out = []
    for i in range(COUNT):
        first = rng.choice("0000011123456789")
        base8 = first + f"{rng.randrange(10 ** 7):07d}"
        kind = i % 5
        if kind == 0 or kind == 1:
            value = enterprise_check(base8)
        elif kind == 2:
            value = enterprise_check(base8)[1:]  # the legacy nine digits
        elif kind == 3:
            value = enterprise_check(base8)
            value = value[:9] + str((int(value[9]) + rng.randrange(1, 10)) % 10)
        else:
            value = f"{rng.randrange(10 ** 10):010d}"
        if len(value) == 10:
            value = separators(rng, value, [4, 3, 3])
        out.append(rng.choice(["", "", "", "BE", "BE ", "be"]) + value)
    # The cases the exclusions are about, so that they stay exercised.
    for base8 in ["00000000", "00000097", "01234567"]:
        rest = int(base8) % 97
        out.extend([f"{base8}{97 - rest:02d}", f"{base8}00" if rest == 0 else f"{base8}{97 - rest:02d}"])
    out.append("0" * 8 + "00")
    return out


def stdnum_verdict(kind, value):
    if kind == "ssin":
        return nn.is_valid(value) or bis.is_valid(value)
    return vat.is_valid(value)


def digits(value):
    return "".join(c for c in value if c.isdigit())


# Where python-stdnum accepts what the RSZ's sources rule out. Each: (kind, name, test, source).
EXCLUSIONS = [
    ("enterprise", "check digits 00",
     lambda v: len(digits(v)) >= 9 and digits(v)[-2:] == "00",
     "DIMONA.md §7 and the KBO rule: CC = 97 - (first eight mod 97), 97 and never 00 "
     "(stdnum accepts any CC with first eight + CC = 0 mod 97)"),
    ("enterprise", "sequence number 0",
     lambda v: len(digits(v)) >= 9 and int(digits(v)[:-2] or "0") == 0,
     "glossary zone 00014: positions 1-8 are a sequence number and 'De waarde 0 is nooit toegelaten'"),
]


def main():
    rng = random.Random(20231)
    items = [("ssin", v) for v in ssins(rng)] + [("enterprise", v) for v in enterprises(rng)]
    text = "".join(f"{k}\t{v}\n" for k, v in items)
    run = subprocess.run(
        ["cargo", "run", "--quiet", "--example", "id_verdicts", "--", str(YEAR)],
        input=text, capture_output=True, text=True, check=True)
    verdicts = run.stdout.splitlines()
    if len(verdicts) != len(items):
        sys.exit(f"crosscheck: {len(items)} identifiers sent, {len(verdicts)} verdicts back")
    agree, excluded, failures = 0, {}, []
    valid = {"ssin": 0, "enterprise": 0}
    for (kind, value), line in zip(items, verdicts):
        ours = line.rsplit("\t", 1)[1] == "1"
        theirs = stdnum_verdict(kind, value)
        valid[kind] += ours
        if ours == theirs:
            agree += 1
            continue
        reason = next((name for k, name, test, _ in EXCLUSIONS if k == kind and test(value) and theirs), None)
        if reason:
            excluded[reason] = excluded.get(reason, 0) + 1
        else:
            failures.append(f"{kind} {value!r}: dimona {ours}, stdnum {theirs}")
    print(f"crosscheck: {len(items)} identifiers ({valid['ssin']} valid SSINs, "
          f"{valid['enterprise']} valid enterprise numbers, year {YEAR}): {agree} verdicts agree "
          f"with python-stdnum, {sum(excluded.values())} excluded disagreements "
          f"{excluded or ''}, {len(failures)} failures")
    if failures:
        sys.exit("\n".join(failures[:50]))


if __name__ == "__main__":
    main()
