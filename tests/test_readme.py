"""The README's samples of output are what the commands print: each line of a sample (at 80
columns, piped) is a line of the command's output, so the README cannot drift from the tool."""
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def blocks(text: str) -> list[tuple[str, str]]:
    """The fenced blocks as (info string, body)."""
    out, info, body = [], None, []
    for line in text.splitlines():
        if line.startswith("```"):
            if info is None:
                info, body = line[3:].strip(), []
            else:
                out.append((info, "\n".join(body)))
                info = None
        elif info is not None:
            body.append(line)
    return out


BLOCKS = [body for info, body in blocks(README) if not info]  # plain blocks: samples of output

# the first line of a sample → the command that prints it (and what it reads on stdin)
SAMPLES = {
    "t = 1 · “I” → target “love” ─": (["forward"], None),
    "Attention weights α_{i,j}: target word i × source word j": (["attention", "--mode", "seq2seq"], None),
    "The properties, measured": (["positional"], None),
    "∂L/∂W_hh += h_{t−1}ᵀ·δ_t    h_{t−1}ᵀ (3×1)": (["bptt"], None),
    "‖∂h^(5)/∂h^(k)‖₂ against the distance T − k": (["bptt"], None),
    "  [0 1 0 0 0] · (5×3), as printed in Parameters = [0.3 0.2 0.1]": (["forward", "--explain"], None),
    "Question 1 of 5": (["quiz"], "5x3\n"),
    "Question 3 of 3": (["quiz", "--topic", "networks", "--count", "3"], "1x6\n8x4\n3x6\n"),
    "Classifier: the final state ─": (["forward", "-e", "sentimiento"], None),
    "layer 2: term_k of ∂L^(3)/∂W": (["bptt", "-e", "etiquetas", "--at", "3"], None),
    "│ 3 │ come    │ VERB │ NOUN ✗ (0.3243) │ VERB ✓ (0.9902) │": (
        ["train", "-e", "etiquetas", "--epochs", "100", "--lr", "0.3"], None),
    "Predictions (argmax p_t, and p_t of the target) before and after training": (
        ["train", "--epochs", "300", "--lr", "0.5"], None),
    "W_hh ← W_hh − η·∂L/∂W_hh    (3×3) − 0.1·(3×3) → (3×3)": (["train", "--epochs", "1", "--trace-update"], None),
    "The words generated": (["generate", "-e", "perro_gru", "--start", "el", "-n", "4"], None),
    "The forget gate f_t stays ≥ 0.9 on unit 8": (["forward", "-e", "perro_lstm"], None),
    "✗ t = 2: a_t differs": (["check", "-"], "[t1]\nh = [0.2913, 0.1974, 0.0997]\n[t2]\na = [0.8979, 0.2368, 0.4637]\n"),
}


def sample(first: str) -> list[str]:
    found = [b for b in BLOCKS if b.startswith(first)]
    assert len(found) == 1, f"README has {len(found)} samples starting {first!r}"
    return [line for line in found[0].splitlines() if line.strip() and line.strip() != "…"]


@pytest.mark.parametrize("first", list(SAMPLES), ids=[v[0][0] + " " + k[:24] for k, v in SAMPLES.items()])
def test_readme_sample_is_the_output(cli, first):
    args, stdin = SAMPLES[first]
    out = cli(*args, input=stdin).output.splitlines()
    missing = [line for line in sample(first) if line not in out]
    assert missing == [], f"rnntrace {' '.join(args)} does not print these README lines"


def test_every_output_sample_is_checked():
    """A new sample of output in the README gets an entry above (shell and TOML blocks are not
    output; the one error sample needs a broken file and is checked in test_bad_input)."""
    outputs = [b for b in BLOCKS if not b.startswith("$ ")]
    assert len(outputs) == len(SAMPLES)
