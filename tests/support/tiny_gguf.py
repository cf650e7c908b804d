"""A tiny random-weight llama GGUF, so the suite runs the real llama.cpp path in milliseconds.

    .venv/bin/python -m tests.support.tiny_gguf OUT.gguf [--base]

The model knows nothing (its weights are seeded noise), but everything around the
weights is real: the GGUF container, a SentencePiece-style vocabulary with byte
fallback (any UTF-8 text tokenizes), ChatML control tokens and template, the
llama architecture's tensors. That is what loading, prompting, KV-cache reuse and
grammar-constrained sampling exercise. Same seed, same bytes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import gguf
import numpy as np

CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)

EMBEDDING = 64
LAYERS = 2
HEADS = 4
FEED_FORWARD = 128
CONTEXT = 2048

SPECIALS = ["<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"]
UNK, BOS, EOS, IM_START, IM_END = range(len(SPECIALS))
SPACE = "\u2581"  # SentencePiece's visible space
# A few multi-character pieces so tokenizing merges something; scored longest first.
WORDS = [
    "system", "user", "assistant", "System", "User", "Assistant", "the", "and", "to", "of",
    "option", "action", "click", "type", "value", "name", "choose", "request", "screen", "Submit",
    "Amount", "answer", "JSON", "is", "in", "on", "er", "an", "re", "at",
]  # fmt: skip


def vocabulary() -> tuple[list[str], list[float], list[int]]:
    """Tokens, their merge scores and their types: control tokens, 256 byte tokens,
    every printable ASCII character, then whole pieces (with and without a leading space)."""
    tokens = list(SPECIALS)
    types = [gguf.TokenType.UNKNOWN] + [gguf.TokenType.CONTROL] * (len(SPECIALS) - 1)
    tokens += [f"<0x{b:02X}>" for b in range(256)]
    types += [gguf.TokenType.BYTE] * 256
    pieces = [SPACE] + [chr(c) for c in range(0x21, 0x7F)]
    pieces += [p for w in WORDS for p in (w, SPACE + w)]
    tokens += pieces
    types += [gguf.TokenType.NORMAL] * len(pieces)
    scores = [0.0] * (len(SPECIALS) + 256) + [float(len(p)) for p in pieces]
    return tokens, scores, [int(t) for t in types]


def write_tiny_gguf(path: Path, *, chat_template: bool = True, seed: int = 0) -> Path:
    """Write the tiny model to ``path`` (about 0.5 MB); without ``chat_template`` it is a
    base model, like gemma3-270m, whose prompts are plain transcripts."""
    tokens, scores, types = vocabulary()
    rng = np.random.default_rng(seed)

    def weights(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.1).astype(np.float32)

    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("deskhand-tiny-chat" if chat_template else "deskhand-tiny-base")
    writer.add_context_length(CONTEXT)
    writer.add_embedding_length(EMBEDDING)
    writer.add_block_count(LAYERS)
    writer.add_feed_forward_length(FEED_FORWARD)
    writer.add_head_count(HEADS)
    writer.add_head_count_kv(HEADS)
    writer.add_rope_dimension_count(EMBEDDING // HEADS)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores(scores)
    writer.add_token_types(types)
    writer.add_bos_token_id(BOS)
    writer.add_eos_token_id(IM_END if chat_template else EOS)
    writer.add_unk_token_id(UNK)
    writer.add_add_bos_token(True)
    writer.add_add_eos_token(False)
    writer.add_add_space_prefix(False)  # like ChatML models: no space after <|im_start|>
    if chat_template:
        writer.add_chat_template(CHATML_TEMPLATE)

    writer.add_tensor("token_embd.weight", weights(len(tokens), EMBEDDING))
    for i in range(LAYERS):
        writer.add_tensor(f"blk.{i}.attn_norm.weight", np.ones(EMBEDDING, np.float32))
        for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
            writer.add_tensor(f"blk.{i}.{name}.weight", weights(EMBEDDING, EMBEDDING))
        writer.add_tensor(f"blk.{i}.ffn_norm.weight", np.ones(EMBEDDING, np.float32))
        writer.add_tensor(f"blk.{i}.ffn_gate.weight", weights(FEED_FORWARD, EMBEDDING))
        writer.add_tensor(f"blk.{i}.ffn_up.weight", weights(FEED_FORWARD, EMBEDDING))
        writer.add_tensor(f"blk.{i}.ffn_down.weight", weights(EMBEDDING, FEED_FORWARD))
    writer.add_tensor("output_norm.weight", np.ones(EMBEDDING, np.float32))
    writer.add_tensor("output.weight", weights(len(tokens), EMBEDDING))

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--base", action="store_true", help="no chat template (a base model)")
    args = parser.parse_args()
    write_tiny_gguf(args.out, chat_template=not args.base)
    print(f"{args.out}: {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
