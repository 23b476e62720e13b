"""Moderate messages in-process: load once, moderate per message.

Run from a checkout after `pip install -e .`:  python examples/in_process.py
"""

from __future__ import annotations

from safechat import Action, Message, Moderator


def main() -> None:
    moderator = Moderator.load()  # verifies the shipped bundle's sha256s and starts onnxruntime

    decision = moderator.moderate("add me on snap: lily_2013", age_band="under_13", locale="en")
    print(decision.action.value, [label.value for label in decision.labels])
    if decision.action is Action.MASK:
        print("deliver instead:", decision.masked_text)
    if decision.sender_prompt is not None:
        print("tell the sender:", decision.sender_prompt.text)
        print("buttons:", [option.value for option in decision.sender_prompt.options])

    batch = moderator.moderate_batch(
        [
            Message("gg wp, see you tomorrow", age_band="13_15"),
            Message("t'es vraiment nul, personne ne t'aime", age_band="under_13", locale="fr"),
            Message("are you home alone? don't tell your parents", age_band="under_13"),
        ]
    )
    for item in batch:
        print(item.action.value, [label.value for label in item.labels], [r.code for r in item.reasons])


if __name__ == "__main__":
    main()
