"""Float64 arrays → the text ``json.dumps`` writes for their numbers, a whole array at once.

``json.dumps`` writes a float as ``repr`` does: the shortest decimal that reads back bit for bit
and, when several are as short, the one nearest the float; positional between 1e-4 and 1e16
(``0.1``, ``1.0``, ``-0.0``, ``0.0001``), else with an exponent (``1e-05``, ``1e+16``,
``-2.5e-300``). ``repr`` costs about 600 ns a number; a document of 10,000 steps holds 361,000.

Here the same digits come from numpy operations on the whole array. For |x| = a,
``E = floor(log10 a)`` and ``v = a·10^(16−E)`` in [10^16, 10^17) is computed as a double-double
(Dekker's exact product of ``a`` and the double nearest 10^k, plus ``a`` times the rest of 10^k):
its integer part ``N`` exactly and its fraction ``r`` to within 1e-14. A decimal of n
significant digits is a multiple of P = 10^(17−n) in these units; the two nearest ``v`` are
⌊N/P⌋·P and the next. One of them reads back as ``a`` exactly when its distance to ``v`` is below
half the gap to ``a``'s neighbour on its side (``spacing(a)/2``, and a quarter below a power of
two), both in the same units. Reading back holds for n = 17 always and, once it holds for n, for
every longer n, so the shortest n is found by bisection; of the two candidates the nearer is
taken (``repr``'s choice). A comparison that falls within 1e-9 of a boundary (an exact tie,
round-half-even deciding) is not trusted: such a number, and any out of the range worked here
(|x| below 1e-280 or above 1e280, subnormals, inf, nan), is written by ``repr``.
Every number written here is then checked independently, from the decimal back: by Clinger's
fast path (one correctly rounded product or quotient of two exact doubles must give the float)
where the digits are below 2^53 and the power of ten within 10^±22, else as a double-double that
must land within the half-gap of the float; a number that fails is written by ``repr`` too.
A whole number below 2^53 (zero, a one-hot row's 0.0 and 1.0) needs none of this: its digits
are the integer's, without the zeros that end it.

The text is laid out in a byte matrix, a row a number (sign and "0.000", the digits each with a
slot for the point, "e±XX", then what follows the number in the JSON: "," or "],["), with zero
bytes where nothing goes; the rows are joined and the zero bytes dropped. ``arrays_text`` and
``rows_text`` give each array's JSON text, as ``json.dumps(a.tolist(), separators=(",", ":"))``.
"""
from __future__ import annotations

import numpy as np

_SPLIT = 134217729.0  # 2^27 + 1: Veltkamp's split of a double into two 26-bit halves
_TOL = 1e-9  # a decision closer than this to its boundary is left to repr
_LOW, _HIGH = 1e-280, 1e280
_KMIN, _KMAX = -300, 300
_P10 = 10 ** np.arange(18, dtype=np.int64)
_POW: dict[str, np.ndarray] = {}  # table of 10^k for k in [_KMIN, _KMAX]: hi, lo, hi's halves


def _power_table() -> dict[str, np.ndarray]:
    """10^k = hi + lo for every k in [_KMIN, _KMAX] (hi the nearest double, lo the nearest double
    to the rest; both from exact integer arithmetic), and hi split into halves for Dekker."""
    if not _POW:
        hi, lo = [], []
        for k in range(_KMIN, _KMAX + 1):
            if k >= 0:
                exact_n, exact_d = 10 ** k, 1
            else:
                exact_n, exact_d = 1, 10 ** -k
            h = exact_n / exact_d  # int / int: correctly rounded
            hn, hd = h.as_integer_ratio()
            hi.append(h)
            lo.append((exact_n * hd - hn * exact_d) / (exact_d * hd))
        h = np.array(hi)
        c = _SPLIT * h
        hh = c - (c - h)
        _POW.update(hi=h, lo=np.array(lo), hh=hh, hl=h - hh)
    return _POW


def _scaled(a: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """a·10^k as p + e: p the rounded product, e its exact rounding error (Dekker) plus a·lo."""
    pw = _power_table()
    i = k - _KMIN
    ph, pl, phh, phl = pw["hi"][i], pw["lo"][i], pw["hh"][i], pw["hl"][i]
    c = _SPLIT * a
    ah = c - (c - a)
    al = a - ah
    p = a * ph
    e = ((ah * phh - p) + ah * phl + al * phh) + al * phl
    return p, e + a * pl


def _integer_and_fraction(a, k):
    """a·10^k = N + r, N an integer, |r| ≤ 1/2 (to within 1e-14 where a·10^k ≥ 2^53)."""
    p, e = _scaled(a, k)
    N = np.rint(p)
    e += p - N  # exact: p ≥ 2^53 is an integer already (else the caller tries again)
    adj = np.rint(e)
    return N.astype(np.int64) + adj.astype(np.int64), e - adj


def _level(N, r, Hd, Hu, P):
    """At n digits (P = 10^(17−n), v = N + r): (reads back, digits chosen, in doubt). The
    candidate q·P is below v by ``below`` (above it by at most 1/2 when R = 0 and r < 0, which
    reads back, as Hd ≥ 0.55 in these units); (q+1)·P is above v by ``above`` ≥ 1/2."""
    q = N // P
    R = N - q * P
    below = R.astype(np.float64) + r  # v − q·P
    above = (P - R).astype(np.float64) - r  # (q+1)·P − v
    ok1 = below < Hd
    ok2 = above < Hu
    doubt = (np.abs(below - Hd) < _TOL) | (np.abs(above - Hu) < _TOL) | (ok1 & ok2 & (np.abs(below - above) < _TOL))
    return ok1 | ok2, q + (~ok1 | (ok2 & (above < below))), doubt


def shortest(a: np.ndarray):
    """For |x| = a (finite, in [_LOW, _HIGH]): (D, n, E, doubt): the shortest round-trip digits
    D (n of them, D·10^(E+1−n) reads back as a, D nearest a among them) and where to leave it
    to repr."""
    E = np.floor(np.log10(a)).astype(np.int64)
    doubt = np.zeros(a.shape, bool)
    N, r = _integer_and_fraction(a, 16 - E)
    for _ in range(2):  # log10 may be one off next to a power of ten
        low, high = N < _P10[16], N >= _P10[17]
        fix = np.flatnonzero(low | high)
        if not fix.size:
            break
        E[fix] += np.where(high[fix], 1, -1)
        N[fix], r[fix] = _integer_and_fraction(a[fix], 16 - E[fix])
    doubt |= (N < _P10[16]) | (N >= _P10[17])
    gap = _half_ulp(a)
    k = 16 - E
    pw = _power_table()
    i = k - _KMIN
    Hu = gap * pw["hi"][i] + gap * pw["lo"][i]
    Hd = np.where(_power_of_two(a), Hu * 0.5, Hu)

    n = np.full(a.shape, 17, np.int64)
    D = np.empty_like(N)
    ok16, D16, d16 = _level(N, r, Hd, Hu, _P10[1])
    doubt |= d16
    # 17 digits where 16 do not read back: N, the nearest (|r| ≤ 1/2 < Hd), unless a tie
    s = np.flatnonzero(~ok16)
    D[s] = N[s]
    doubt[s] |= np.abs(np.abs(r[s]) - 0.5) < _TOL
    # 16 where 15 do not; bisection below
    s = np.flatnonzero(ok16)
    ok15, D15, d15 = _level(N[s], r[s], Hd[s], Hu[s], _P10[2])
    doubt[s] |= d15
    n[s] = np.where(ok15, 15, 16)
    D[s] = np.where(ok15, D15, D16[s])
    s = s[ok15]
    lo = np.ones(s.shape, np.int64)  # the shortest n is in [lo, hi]; hi reads back
    hi = np.full(s.shape, 15, np.int64)
    Ds = D[s]
    Ns, rs, Hds, Hus = N[s], r[s], Hd[s], Hu[s]
    while True:
        act = np.flatnonzero(lo < hi)
        if not act.size:
            break
        mid = (lo[act] + hi[act]) // 2
        ok, Dm, d = _level(Ns[act], rs[act], Hds[act], Hus[act], _P10[17 - mid])
        doubt[s[act]] |= d
        hi[act] = np.where(ok, mid, hi[act])
        lo[act] = np.where(ok, lo[act], mid + 1)
        Ds[act] = np.where(ok, Dm, Ds[act])
    n[s] = hi
    D[s] = Ds
    # 10^n at n digits is 10^(E+1): one digit, one place up
    up = D == _P10[n]
    if up.any():
        doubt |= up & (n > 1)
        D[up] = 1
        E[up] += 1
        n[up] = 1
    return D, n, E, doubt


def _confirmed(a, D, n, E):
    """Each D·10^(E+1−n) reads back as a: an independent check of what ``shortest`` found, in the
    other direction. Where D < 2^53 and |q| ≤ 22, D and 10^|q| are doubles and one correctly
    rounded product or quotient is the double nearest the decimal (Clinger's fast path): it must
    be a. Elsewhere D·10^q is worked out as a double-double (D split into two doubles, 10^q as
    hi + lo) and must land within the half-gap of a (a millionth of it to spare)."""
    q = E + 1 - n
    ok = np.zeros(a.shape, bool)
    exact = (D < 2**53) & (np.abs(q) <= 22)
    s = np.flatnonzero(exact)
    if s.size:
        d, qs = D[s].astype(np.float64), q[s]
        p = _EXACT10[np.abs(qs)]
        ok[s] = np.where(qs >= 0, d * p, d / p) == a[s]
    s = np.flatnonzero(~exact)
    if s.size:
        ok[s] = _confirmed_wide(a[s], D[s], q[s])
    return ok


_EXACT10 = 10.0 ** np.arange(23)  # 10^0 … 10^22: every one exact in a double


def _confirmed_wide(a, D, q):
    """D·10^q within the half-gap of a, worked out as a double-double."""
    pw = _power_table()
    i = q - _KMIN
    dh = (D >> 26 << 26).astype(np.float64)  # exact: 31 high bits
    dl = (D & ((1 << 26) - 1)).astype(np.float64)  # exact: 26 low bits
    ph, pl = pw["hi"][i], pw["lo"][i]
    # value − a, with every term of the (exact) product but the ones far below a's ulp
    c = _SPLIT * dh
    hh = c - (c - dh)
    hl = dh - hh
    p1 = dh * ph
    e1 = ((hh * pw["hh"][i] - p1) + hh * pw["hl"][i] + hl * pw["hh"][i]) + hl * pw["hl"][i]
    c = _SPLIT * dl
    lh = c - (c - dl)
    ll = dl - lh
    p2 = dl * ph
    e2 = ((lh * pw["hh"][i] - p2) + lh * pw["hl"][i] + ll * pw["hh"][i]) + ll * pw["hl"][i]
    diff = (p1 - a) + p2 + (e1 + e2 + (dh + dl) * pl)
    gap = _half_ulp(a)
    gap_below = np.where(_power_of_two(a), gap * 0.5, gap)
    return np.abs(diff) < np.where(diff >= 0, gap, gap_below) * (1 - 1e-6)


def _half_ulp(a: np.ndarray) -> np.ndarray:
    """Half the gap from a (normal, positive) to the next double up: 2^(exponent − 53)."""
    return (a.view(np.int64) & 0x7FF0000000000000).view(np.float64) * 2.0 ** -53


def _power_of_two(a: np.ndarray) -> np.ndarray:
    """A zero significand: the gap below a is half the gap above."""
    return (a.view(np.int64) & 0x000FFFFFFFFFFFFF) == 0


_WHOLE = 2.0 ** 53  # below it every integer is a double, and a double's gap is at most 1


def _integers(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(D, n, E) for a whole a below 2^53 (zero: 0, 1, 0): its digits without the zeros that end
    them. They are the shortest that read back: fewer digits make another integer, at least 1
    away, where a's neighbours are at most 1 away (so the half-gap is at most 1/2)."""
    i = a.astype(np.int64)
    E = np.maximum(np.searchsorted(_P10, i, side="right") - 1, 0)
    zeros = np.zeros(i.shape, np.int64)  # how many zeros end i (none for 0)
    for p in _P10[1:16]:
        ends = (i % p == 0) & (i != 0)
        if not ends.any():
            break
        zeros += ends
    return i // _P10[zeros], E + 1 - zeros, E


def _tables():
    """Byte patterns (little-endian words) gathered per number: digit pairs with an empty slot
    after each digit for the point, sign and "0.000" before the digits, "e±XX[X]" after them."""
    if not _TAB:
        pairs = np.arange(100)
        _TAB["pairs"] = ((48 + pairs // 10) | (48 + pairs % 10) << 16).astype(np.uint32)
        heads = []
        for neg in (0, 1):
            for z in range(6):  # z zeros after the point: 0.0001 has E = −4, "0." then 3 zeros
                text = ("-" if neg else "") + ("0." + "0" * (z - 1) if z else "")
                heads.append(int.from_bytes(text.encode().ljust(8, b"\0"), "little"))
        _TAB["heads"] = np.array(heads, np.uint64)
        tails = [int.from_bytes(f"e{e:+03d}".encode().ljust(8, b"\0"), "little") if not -5 < e < 16 else 0
                 for e in range(_EMIN, _EMAX + 1)]
        _TAB["tails"] = np.array(tails, np.uint64)
        # per word c (digits 2c − 1 and 2c of the 17; bytes: digit, slot, digit, slot) and layout
        # shown·18 + point + 1: which digits stay, where the point goes
        keep = np.zeros((9, 18 * 18), np.uint32)
        point = np.zeros((9, 18 * 18), np.uint32)
        for c in range(9):
            for shown in range(18):
                for p in range(-1, 17):
                    k = shown * 18 + p + 1
                    keep[c, k] = (0xFF if 0 <= 2 * c - 1 < shown else 0) | (0xFF << 16 if 2 * c < shown else 0)
                    point[c, k] = (_POINT << 8 if 2 * c - 1 == p >= 0 else 0) | (_POINT << 24 if 2 * c == p else 0)
        _TAB["mask"] = keep.astype(np.uint64) | point.astype(np.uint64) << 32  # little-endian: keep first
    return _TAB


_TAB: dict[str, np.ndarray] = {}
_EMIN, _EMAX = -330, 310
_POINT = ord(".")


def numbers(x: np.ndarray, ends: np.ndarray | None = None) -> np.ndarray:
    """(N, 52 + S) uint8: row i holds repr(x[i]) with zero bytes between its parts (drop them),
    then ``ends[i]`` ((N, S) uint8, S a multiple of 4), the bytes that follow the number."""
    x = np.ascontiguousarray(x, dtype=np.float64).ravel()
    a = np.abs(x)
    m = len(x)
    whole = (a < _WHOLE) & (a == np.floor(a))  # zero too: the digits of an integer
    fast = whole | ((a >= _LOW) & (a <= _HIGH))
    if not whole.any():
        work = a if fast.all() else np.where(fast, a, 1.0)  # what repr writes worked as 1.0
        D, n, E, doubt = shortest(work)
        fast &= _confirmed(work, D, n, E) & ~doubt
    else:
        D, n, E = (np.empty(m, np.int64) for _ in range(3))
        w = np.flatnonzero(whole)
        D[w], n[w], E[w] = _integers(a[w])
        rest = np.flatnonzero(~whole)
        if rest.size:
            work = np.where(fast[rest], a[rest], 1.0)
            D[rest], n[rest], E[rest], doubt = shortest(work)
            fast[rest] &= _confirmed(work, D[rest], n[rest], E[rest]) & ~doubt
    tab = _tables()
    extra = 0 if ends is None else ends.shape[1] // 4
    out = np.empty((m, 13 + extra), np.uint32)  # 8 bytes sign and "0.000", 36 digits and slots, 8 tail
    if extra:
        out[:, 13:] = ends.view(np.uint32)
    fixed = (E >= -4) & (E <= 15)
    lead = fixed & (E < 0)
    sign = np.signbit(x).astype(np.int64)
    out[:, :2] = tab["heads"][sign * 6 + np.where(lead, -E, 0)].view(np.uint32).reshape(m, 2)
    # 18 digits of D·10^(17−n) (the first always 0, dropped), two a word, each followed by a
    # slot for the point; the digits not written masked out and the point put in by a table
    v = D * _P10[17 - n]
    high = v // 10**8  # below 10^9: the first 10 of the 18 digits; the last 8 below 10^8
    pair = np.empty((9, m), np.int32)
    for half, first, last in ((v - high * 10**8, 5, 8), (high, 1, 4)):
        v = half.astype(np.int32)
        for j in range(last, first - 1, -1):
            w = v // 100
            pair[j] = v - w * 100
            v = w
    pair[0] = v
    # the digits written: n; in positional notation at least up to the units and one decimal
    shown = np.where(fixed & ~lead, np.maximum(n, E + 2), n)
    # the point after digit E (positional, E ≥ 0) or after the first (exponent, n > 1)
    point = np.where(fixed, np.where(lead, -1, E), np.where(n > 1, 0, -1))
    layout = shown * 18 + point + 1
    mask = np.take(tab["mask"], layout, axis=1).view(np.uint32)  # (9, 2m): keep and point, word by word
    out[:, 2:11] = ((tab["pairs"][pair] & mask[:, 0::2]) | mask[:, 1::2]).T
    out[:, 11:13] = tab["tails"][np.clip(E, _EMIN, _EMAX) - _EMIN].view(np.uint32).reshape(m, 2)
    # what is left (zero apart): repr's text
    rows = out.view(np.uint8)
    for i in np.flatnonzero(~fast).tolist():
        text = repr(float(x[i])).encode("ascii")
        rows[i, :52] = 0
        rows[i, :len(text)] = np.frombuffer(text, np.uint8)
    return rows


def arrays_text(arrays: list, encode) -> list[str]:
    """Each array's JSON text as the json module writes its ``tolist()`` with separators
    (",", ":"): ``[[1.0,2.5],[0.1,-0.0]]``. The float64 arrays are written together, in one
    text cut apart afterwards; others (integers, booleans, no entries) by ``encode`` from their
    lists. An object that is not an array is refused as json refuses it."""
    for o in arrays:
        if o.__class__ is not np.ndarray:
            raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")
    f64 = np.dtype(np.float64)
    texts: list[str] = [""] * len(arrays)
    if not all(a.dtype is f64 and a.size for a in arrays):
        floats = [i for i, a in enumerate(arrays) if a.dtype is f64 and a.size]
        for i in set(range(len(arrays))) - set(floats):
            texts[i] = encode(arrays[i].tolist())
        for i, text in zip(floats, arrays_text([arrays[i] for i in floats], encode)):
            texts[i] = text
        return texts
    values = np.concatenate(arrays, axis=None)
    # each number's ends: its array's shape's, row (index within the array) by row
    shapes: dict[tuple, int] = {}
    kind = np.array([shapes.setdefault(a.shape, len(shapes)) for a in arrays])
    sizes = np.array([a.size for a in arrays])
    table, openings = _ends_table(list(shapes))
    first = np.cumsum(sizes) - sizes
    row = np.arange(len(values)) - np.repeat(first - table["start"][kind], sizes)
    return _texts(values, table["ends"][row], [openings[k] for k in kind.tolist()])


def rows_text(stack: np.ndarray) -> list[str]:
    """The JSON text of each row of a float64 array (T, …): ``arrays_text(list(stack))``."""
    table, openings = _ends_table([stack.shape[1:]])
    return _texts(stack.ravel(), np.tile(table["ends"], (len(stack), 1)), openings * len(stack))


def _texts(values: np.ndarray, ends: np.ndarray, openings: list[str]) -> list[str]:
    """The numbers with their ends, cut at each ``_CUT``, each piece after its opening."""
    if not np.isfinite(values).all():
        raise ValueError("Out of range float values are not JSON compliant")
    # in pieces: temporaries of 64k numbers are reused from the heap and stay in cache, where
    # whole-array ones (361,000 numbers: 2.9 MB each) come fresh from the system every time
    text = b"".join(numbers(values[i:i + _CHUNK], ends[i:i + _CHUNK]).tobytes().translate(None, b"\0")
                    for i in range(0, len(values), _CHUNK)).decode("ascii")
    return list(map(str.__add__, openings, text.split(_CUT)))


def _ends_table(shapes: list[tuple]) -> tuple[dict, list[str]]:
    """The ends of every shape one after the other (``start``: where each shape's rows begin)
    and each shape's opening brackets."""
    width = 4 * (1 + max(map(len, shapes), default=0) // 2)  # "]]," + "[[" or "]]" + _CUT, in words
    start, parts = [], []
    for shape in shapes:
        start.append(sum(map(len, parts)))
        parts.append(_ends(shape, width))
    return {"ends": np.concatenate(parts), "start": np.array(start)}, ["[" * len(s) for s in shapes]


def _ends(shape: tuple, width: int) -> np.ndarray:
    """(size, width) uint8: what follows each number of an array of this shape: "," inside a row,
    "]," + "[" between rows (as many brackets as dimensions end there), every bracket closed after
    the last number and ``_CUT`` after it."""
    size = int(np.prod(shape))
    index = np.arange(size)
    closing = np.zeros(size, np.int64)  # how many dimensions end after each number
    block = 1
    for dim in reversed(shape):
        block *= dim
        closing += (index + 1) % block == 0
    closing[-1] = len(shape) + 1  # the last: its own pattern
    patterns = [("]" * c + "," + "[" * c).encode() for c in range(len(shape) + 1)]
    patterns.append(("]" * len(shape) + _CUT).encode())
    table = np.frombuffer(b"".join(p.ljust(width, b"\0") for p in patterns), np.uint8).reshape(-1, width)
    return table[closing]


_CHUNK = 1 << 16
_CUT = "\x01"  # between two arrays' texts: no number or bracket holds it
