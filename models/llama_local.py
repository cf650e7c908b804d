"""A GGUF model run in this process by llama.cpp (llama-cpp-python, imported lazily).

Loading maps the file and takes from tens of milliseconds (the tiny test model) to
seconds (a 500 MB model on a cold disk): call ``load()`` early, from a background
thread if you like; ``complete()`` loads on first use otherwise and waits for a
load already running. One call runs at a time.

llama-cpp-python keeps the tokens of its previous call and re-evaluates only what
follows their longest common prefix with the new prompt, so the leading system
messages are tokenized on their own (``chat_prompt``) to keep that prefix
identical; ``Completion.cached_tokens`` says how many prompt tokens were reused.
"""

from __future__ import annotations

import ctypes
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from automation.errors import ModelUnavailable
from models.chat_prompt import ChatTemplate, transcript
from models.json_grammar import check_grammar, schema_to_gbnf
from models.json_reply import checked_json
from models.language import Completion, Prompt
from models.threads import threads_for_this_process

GGUF_MAGIC = b"GGUF"
REINSTALL = (
    "the file is damaged or incomplete: copy or install it again (`deskhand models verify` checks installed packs)"
)

log = logging.getLogger(__name__)


class LlamaModel:
    """The ``LanguageModel`` port over a local GGUF file."""

    def __init__(self, path: Path | str, *, threads: int | None = None, context: int = 2048, name: str = "") -> None:
        self.path = Path(path)
        self.name = name or str(self.path)
        self.context = context
        try:
            self.threads = threads_for_this_process(threads)
        except ValueError as error:
            raise ModelUnavailable(
                self.name, str(error), "give a thread count of 1 or more (DESKHAND_THREADS), or none for the default"
            ) from error
        self.load_seconds: float | None = None  # set by the first successful load
        self._llm: Any = None
        self._template: ChatTemplate | None = None
        self._grammars: dict[str, Any] = {}
        self._lock = threading.Lock()

    def load(self) -> float:
        """Load the model if it is not loaded yet; the seconds loading took."""
        with self._lock:
            return self._load()

    def complete(self, prompt: Prompt) -> Completion:
        with self._lock:
            loading = self._llm is None
            self._load()
            started = time.perf_counter()
            tokens, stop = self._tokens(prompt)
            grammar = self._grammar(prompt.schema) if prompt.schema is not None else None
            llm = self._llm
            cached = reused_prefix(llm.input_ids[: llm.n_tokens].tolist(), tokens)
            forget_llama_errors()
            try:
                reply = llm.create_completion(
                    prompt=tokens,
                    max_tokens=prompt.max_tokens,
                    temperature=prompt.temperature,  # 0 samples greedily
                    grammar=grammar,
                    stop=list(stop),
                )
            except Exception as error:
                raise ModelUnavailable(self.name, f"llama.cpp failed while answering: {describe(error)}") from error
            seconds = time.perf_counter() - started
        choice = reply["choices"][0]
        text = choice["text"].strip()
        if prompt.schema is not None:
            text = checked_json(
                text, model=self.name, cut_off=choice["finish_reason"] == "length", max_tokens=prompt.max_tokens
            )
        extra: dict[str, Any] = {"finish_reason": choice["finish_reason"], "threads": self.threads}
        if loading:
            extra["load_seconds"] = self.load_seconds
        return Completion(
            text=text,
            prompt_tokens=len(tokens),
            completion_tokens=reply["usage"]["completion_tokens"],
            cached_tokens=cached,
            seconds=seconds,
            model=self.name,
            extra=extra,
        )

    def close(self) -> None:
        """Free the model's memory; the next call loads it again."""
        with self._lock:
            if self._llm is not None:
                self._llm.close()
                self._llm = None
                self._template = None
                self._grammars.clear()

    def _load(self) -> float:
        if self._llm is not None:
            return self.load_seconds or 0.0
        check_gguf_file(self.path, self.name)
        try:
            import llama_cpp
        except ImportError as error:
            raise ModelUnavailable(
                self.name,
                f"llama-cpp-python is not installed ({error})",
                "install Deskhand with packaging/setup.sh, which builds llama-cpp-python",
            ) from error
        capture_llama_log()
        started = time.perf_counter()
        forget_llama_errors()
        try:
            with model_params(use_extra_bufts=repack_weights()):
                llm = llama_cpp.Llama(
                    model_path=str(self.path),
                    n_ctx=self.context,
                    n_threads=self.threads,
                    n_threads_batch=self.threads,
                    verbose=False,
                )
        except Exception as error:
            detail = describe(error)
            fix = REINSTALL
            if "unknown model architecture" in detail:
                fix = (
                    f"this llama.cpp (llama-cpp-python {llama_cpp.__version__}) does not know the model's architecture"
                )
            raise ModelUnavailable(self.name, f"llama.cpp cannot load it: {detail}", fix) from error
        self.load_seconds = time.perf_counter() - started
        template = llm.metadata.get("tokenizer.chat_template")
        if template:
            self._template = ChatTemplate(
                template, bos=token_text(llm, llm.token_bos()), eos=token_text(llm, llm.token_eos())
            )
        self._llm = llm
        return self.load_seconds

    def _tokens(self, prompt: Prompt) -> tuple[list[int], tuple[str, ...]]:
        """The prompt's tokens, the fixed part tokenized on its own, and the stop strings."""
        llm = self._llm
        try:
            text = self._template.render(prompt.messages) if self._template else transcript(prompt.messages)
        except Exception as error:  # a Jinja template may raise for a message order it does not accept
            raise ModelUnavailable(self.name, f"its chat template cannot render this prompt: {error}") from error
        bos = token_text(llm, llm.token_bos())
        first = text.fixed or text.rest
        add_bos = not (bos and first.startswith(bos))  # a template may write the BOS text itself
        # Control-token text is parsed only in template output; a transcript is plain text.
        special = self._template is not None
        fixed = llm.tokenize(text.fixed.encode(), add_bos=add_bos, special=special) if text.fixed else []
        rest = llm.tokenize(text.rest.encode(), add_bos=add_bos and not fixed, special=special)
        tokens = fixed + rest
        if len(tokens) >= llm.n_ctx():
            raise ModelUnavailable(
                self.name,
                f"the prompt has {len(tokens)} tokens, more than its {llm.n_ctx()}-token context holds",
                "shorten the prompt (fewer options, less history) or open the model with a larger context",
            )
        return tokens, text.stop

    def _grammar(self, schema: dict[str, Any]) -> Any:
        """The grammar for ``schema``, built and checked once per distinct schema."""
        key = json.dumps(schema)
        if key not in self._grammars:
            import llama_cpp

            try:
                gbnf = schema_to_gbnf(schema)
                check_grammar(gbnf, llama_cpp.llama_model_get_vocab(self._llm.model))
            except ValueError as error:
                raise ModelUnavailable(self.name, f"the answer schema is unusable: {error}") from error
            self._grammars[key] = llama_cpp.LlamaGrammar.from_string(gbnf, verbose=False)
        return self._grammars[key]


def reused_prefix(previous: list[int], tokens: list[int]) -> int:
    """How many of ``tokens`` llama-cpp-python will not evaluate again: the longest
    common prefix with the tokens it holds, less one when that is the whole prompt
    (it replays the last token to get fresh logits)."""
    common = 0
    for a, b in zip(previous, tokens, strict=False):
        if a != b:
            break
        common += 1
    return min(common, len(tokens) - 1)


def check_gguf_file(path: Path, name: str) -> None:
    """Refuse, with a reason, a path that is missing, not a file, unreadable or not a GGUF."""
    if not path.exists():
        raise ModelUnavailable(
            name, f"there is no file at {path}", "check the path, or install a pack: `deskhand models install NAME`"
        )
    if not path.is_file():
        raise ModelUnavailable(name, f"{path} is not a file", "give the path of a .gguf file")
    try:
        with path.open("rb") as file:
            head = file.read(len(GGUF_MAGIC))
    except OSError as error:
        raise ModelUnavailable(name, f"cannot read {path}: {error.strerror}", "check the file's permissions") from error
    if head != GGUF_MAGIC:
        raise ModelUnavailable(
            name,
            f"{path} is not a GGUF file (it starts with {head!r}, not {GGUF_MAGIC!r})",
            "give a .gguf model; other formats (safetensors, PyTorch .bin) must be converted to GGUF first",
        )


def repack_weights(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether llama.cpp may repack weights into its extra buffer types at load.

    Not on a CPU with AMX: llama.cpp then repacks quantized weights for AMX, and
    its AMX matrix multiply crashed the process (SIGSEGV in
    ggml_backend_amx_mul_mat) on the first decode of every quantized model we
    tried (Q4_K_M, Q4_1, Q8_0) on a Xeon VM, with the kernel granting AMX. AMX is a
    server feature; desktop CPUs keep the repacking that speeds up AVX2 and ARM."""
    try:
        flags = cpuinfo.read_text()
    except OSError:
        return True
    return " amx_tile" not in flags and " amx_int8" not in flags


_params_lock = threading.Lock()


@contextmanager
def model_params(**fields: Any) -> Iterator[None]:
    """Set llama.cpp model parameters that llama-cpp-python's ``Llama()`` has no
    argument for, on the defaults it starts from, for the length of one load."""
    import llama_cpp.llama_cpp as low

    original = low.llama_model_default_params
    known = {name for name, *_ in low.llama_model_params._fields_}
    unknown = set(fields) - known
    if unknown:
        raise RuntimeError(f"llama.cpp has no model parameter {', '.join(sorted(unknown))}")

    def adjusted() -> Any:
        params = original()
        for name, value in fields.items():
            setattr(params, name, value)
        return params

    with _params_lock:
        low.llama_model_default_params = adjusted
        try:
            yield
        finally:
            low.llama_model_default_params = original


def token_text(llm: Any, token: int) -> str:
    return llm.detokenize([token], special=True).decode("utf-8", "replace") if token >= 0 else ""


# llama.cpp logs through one process-wide callback. With verbose=False
# llama-cpp-python prints nothing, its own errors included (its level table
# predates ggml's renumbering: ERROR is 4 now, which it takes for DEBUG). This
# callback keeps the error lines, for the exceptions above and for `logging`.
GGML_LOG_ERROR = 4
GGML_LOG_CONTINUE = 5
_recent_errors: deque[str] = deque(maxlen=16)
_log_callback: Any = None


def capture_llama_log() -> None:
    global _log_callback
    if _log_callback is not None:
        return
    import llama_cpp

    last_level = [0]

    @llama_cpp.llama_log_callback
    def on_log(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
        if level != GGML_LOG_CONTINUE:
            last_level[0] = level
        line = text.decode("utf-8", "replace").strip()
        if last_level[0] == GGML_LOG_ERROR and line:
            _recent_errors.append(line)
            log.error("llama.cpp: %s", line)

    llama_cpp.llama_log_set(on_log, ctypes.c_void_p(0))
    _log_callback = on_log  # kept referenced: llama.cpp calls it for the life of the process


def forget_llama_errors() -> None:
    _recent_errors.clear()


def describe(error: Exception) -> str:
    """llama.cpp's own error lines since ``forget_llama_errors`` (they say why), else the exception."""
    lines = list(_recent_errors)
    return "; ".join(lines[-3:]) if lines else f"{type(error).__name__}: {error}"
