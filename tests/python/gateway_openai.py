"""Drives the AI gateway with the official `openai` client, changing only base_url.

Run by tests/tests/gateway.rs with GATEWAY_BASE_URL (…/api/v1/llm) and GATEWAY_TOKEN (an
access token, sent as the API key). Asserts as it goes and prints one JSON line of what it
saw, which the Rust test checks again.
"""

import json
import os
import sys

import openai
from openai import OpenAI


def main() -> None:
    client = OpenAI(
        base_url=os.environ["GATEWAY_BASE_URL"],
        api_key=os.environ["GATEWAY_TOKEN"],
        max_retries=0,
        timeout=30,
    )

    chat = client.chat.completions.create(
        model="fake-small",
        messages=[{"role": "user", "content": "hello from python"}],
    )
    assert chat.choices[0].message.content == "echo: hello from python", chat
    assert chat.usage.prompt_tokens == 3, chat.usage

    stream = client.chat.completions.create(
        model="fake-small",
        messages=[{"role": "user", "content": "stream from python"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    pieces, usage = [], None
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            pieces.append(chunk.choices[0].delta.content)
        if chunk.usage is not None:
            usage = chunk.usage
    assert usage is not None, "the usage chunk was requested"

    embeddings = client.embeddings.create(model="fake-embed", input=["a b", "c"])
    assert len(embeddings.data[0].embedding) == 8, embeddings

    not_found_status = None
    try:
        client.chat.completions.create(
            model="no-such-model", messages=[{"role": "user", "content": "x"}]
        )
    except openai.NotFoundError as error:
        not_found_status = error.status_code

    print(
        json.dumps(
            {
                "chat": chat.choices[0].message.content,
                "stream": "".join(pieces),
                "stream_usage": {
                    "prompt_tokens": usage.prompt_tokens,
                    "completion_tokens": usage.completion_tokens,
                },
                "embeddings": len(embeddings.data),
                "not_found_status": not_found_status,
            }
        )
    )


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"assertion failed: {failure!r}", file=sys.stderr)
        raise
