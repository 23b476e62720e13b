"""Call the safechat sidecar from Python (another process, possibly another machine).

    safechat serve --port 50051 &
    python examples/grpc_client.py 127.0.0.1:50051

Needs the server extra (grpcio, protobuf). Every call sets a deadline: gRPC has none by default,
and moderation is inline with sending a message.
"""

from __future__ import annotations

import os
import sys

import grpc

from safechat.v1 import moderation_pb2 as pb
from safechat.v1 import moderation_pb2_grpc as pb_grpc

DEADLINE_S = 2.0


def main(address: str) -> None:
    metadata = []
    if os.environ.get("SAFECHAT_TOKEN"):
        metadata.append(("authorization", f"Bearer {os.environ['SAFECHAT_TOKEN']}"))
    with grpc.insecure_channel(address) as channel:
        moderation = pb_grpc.ModerationStub(channel)
        request = pb.ModerateRequest(
            text="add me on snap: lily_2013", age_band=pb.AGE_BAND_UNDER_13, locale="en"
        )
        decision = moderation.Moderate(request, timeout=DEADLINE_S, metadata=metadata).decision
        action = pb.Action.Name(decision.action).removeprefix("ACTION_").lower()
        print("action:", action)
        if decision.HasField("masked_text"):
            print("deliver instead:", decision.masked_text)
        for reason in decision.reasons:
            print(
                "reason:",
                reason.code,
                f"[{reason.span.start}, {reason.span.end})" if reason.HasField("span") else "",
            )
        if decision.HasField("sender_prompt"):
            print("tell the sender:", decision.sender_prompt.text)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:50051")
