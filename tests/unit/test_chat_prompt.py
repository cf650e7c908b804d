"""Rendering messages to model text: chat templates and the base-model transcript."""

from __future__ import annotations

from models.chat_prompt import ChatTemplate, transcript
from models.language import Message
from tests.support.tiny_gguf import CHATML_TEMPLATE

SYSTEM = Message("system", "Pick one option.")
USER = Message("user", "save the claim")


def test_chatml_splits_off_the_system_turn() -> None:
    text = ChatTemplate(CHATML_TEMPLATE, bos="<s>", eos="<|im_end|>").render([SYSTEM, USER])
    assert text.fixed == "<|im_start|>system\nPick one option.<|im_end|>\n"
    assert text.rest == "<|im_start|>user\nsave the claim<|im_end|>\n<|im_start|>assistant\n"
    assert text.stop == ("<|im_end|>",)


def test_without_a_system_message_nothing_is_fixed() -> None:
    text = ChatTemplate(CHATML_TEMPLATE, bos="<s>", eos="<|im_end|>").render([USER])
    assert text.fixed == ""
    assert text.rest.startswith("<|im_start|>user\n")


def test_a_template_that_folds_the_system_message_into_the_user_turn_fixes_nothing() -> None:
    folding = (  # the system text rendered alone is no prefix of the whole chat
        "{% if messages|length == 1 %}[SYS]{{ messages[0]['content'] }}[/SYS]"
        "{% else %}[INST] {{ messages[0]['content'] }} {{ messages[1]['content'] }} [/INST]{% endif %}"
    )
    text = ChatTemplate(folding, bos="<s>", eos="</s>").render([SYSTEM, USER])
    assert text.fixed == ""
    assert text.rest == "[INST] Pick one option. save the claim [/INST]"


def test_a_template_that_refuses_a_system_only_chat_still_renders_the_whole() -> None:
    picky = (
        "{% if messages[-1]['role'] != 'user' %}{{ raise_exception('last must be user') }}{% endif %}"
        "{% for m in messages %}<{{ m['role'] }}>{{ m['content'] }}{% endfor %}<assistant>"
    )
    text = ChatTemplate(picky, bos="", eos="").render([SYSTEM, USER])
    assert (text.fixed, text.rest) == ("", "<system>Pick one option.<user>save the claim<assistant>")
    assert text.stop == ()


def test_a_base_model_transcript() -> None:
    history = [SYSTEM, Message("system", "Options: 1 Save, 2 Cancel."), USER, Message("assistant", "1"), USER]
    text = transcript(history)
    assert text.fixed == "System: Pick one option.\n\nSystem: Options: 1 Save, 2 Cancel.\n\n"
    assert text.rest == "User: save the claim\n\nAssistant: 1\n\nUser: save the claim\n\nAssistant:"
    assert "\nUser:" in text.stop
