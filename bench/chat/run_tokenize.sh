#!/usr/bin/env bash
# Chat tokenization throughput, side by side on the same conversations and model:
#   tamis chat_tokenize  the whole `tamis run` of bench/chat/chat_tokenize_bench.yaml: read JSONL
#                        (messages, ShareGPT, Alpaca), render ChatML, encode, write token shards
#                        and loss masks;
#   spm_encode           SentencePiece's CLI on the same conversations rendered with ChatML by
#                        Python (render only, untimed), `--output_format=id`. spm_encode reads
#                        line by line, so it encodes each line of a rendered conversation
#                        separately: the same bytes, a few more dummy-prefix tokens.
# Columns: conversations, tokens, wall s, CPU s (user+sys), conversations and tokens per CPU
# second (= per core; robust when other processes share the machine).
# Usage: bench/chat/run_tokenize.sh [TAMIS_BINARY] [CONVERSATIONS]
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
tamis="${1:-$repo/build/cli/tamis}"
count="${2:-20000}"
model="$repo/models/tamis-default.model"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 "$repo/bench/chat/make_chat_corpus.py" /tmp/chat_bench.jsonl "$count"
python3 - /tmp/chat_bench.jsonl "$work/rendered.txt" <<'PY'
import json, sys
ROLES = {"human": "user", "gpt": "assistant"}
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in f:
        r = json.loads(line)
        if "messages" in r:
            turns = [(m["role"], m["content"]) for m in r["messages"]]
        elif "conversations" in r:
            turns = [(ROLES.get(m["from"], m["from"]), m["value"]) for m in r["conversations"]]
        else:
            prompt = r["instruction"] + ("\n\n" + r["input"] if r["input"] else "")
            turns = [("user", prompt), ("assistant", r["output"])]
        out.write("".join(f"<|im_start|>{role}\n{text}<|im_end|>\n" for role, text in turns))
PY
echo "corpus: $count conversations, $(wc -c < /tmp/chat_bench.jsonl) bytes of JSONL," \
  "$(wc -c < "$work/rendered.txt") bytes rendered; $(nproc) cores;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-34s %13s %10s %7s %7s %15s %12s\n" tool conversations tokens wall_s cpu_s \
  conversations/cpu_s tokens/cpu_s

row() {  # row NAME CONVERSATIONS TOKENS (times from $work/time)
  read -r wall user sys < "$work/time"
  python3 -c "
w, c = $wall, $user + $sys
print('%-34s %13d %10d %7.2f %7.2f %15.0f %12.0f' % ('$1', $2, $3, w, c, $2 / c, $3 / c))"
}

for threads in 1 2; do
  rm -rf /tmp/chat_tokenize_bench_out /tmp/chat_tokenize_bench_tokens
  /usr/bin/time -f "%e %U %S" -o "$work/time" \
    "$tamis" run "$repo/bench/chat/chat_tokenize_bench.yaml" --threads "$threads" --quiet
  tokens=$("$tamis" inspect /tmp/chat_tokenize_bench_tokens/sft --no-decode |
    grep ' dtype=' | sed -n 's/.* tokens=\([0-9]*\) .*/\1/p' | paste -sd+ | bc)
  docs=$("$tamis" inspect /tmp/chat_tokenize_bench_tokens/sft --no-decode |
    grep ' dtype=' | sed -n 's/.* documents=\([0-9]*\) .*/\1/p' | paste -sd+ | bc)
  row "tamis chat_tokenize, $threads thread(s)" "$docs" "$tokens"
done
/usr/bin/time -f "%e %U %S" -o "$work/time" \
  spm_encode --model="$model" --output_format=id < "$work/rendered.txt" > "$work/ids.txt"
row "spm_encode (rendered ChatML)" "$count" "$(wc -w < "$work/ids.txt")"
