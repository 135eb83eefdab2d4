#!/usr/bin/env python3
"""Independent reader of Megatron-LM indexed datasets (PREFIX.idx + PREFIX.bin).

Written from the published layout (tokenize/megatron_format.md, itself checked against
Megatron-LM's megatron/core/datasets/indexed_dataset.py), with the Python standard library
only, sharing no code with tamis' C++ reader. It validates every invariant of each dataset
and prints its documents' tokens, so a test can compare them with what tamis was asked to
write.

usage: megatron_check.py [--vocab N] PREFIX...
output, per prefix: "dataset PREFIX dtype=NAME sequences=S documents=N tokens=T", then one
line per document: "doc K: id id id ...". Exit 0 when every dataset is valid, 1 otherwise
(the first violation is printed to stderr).
"""
import array
import os
import struct
import sys

MAGIC = b"MMIDIDX\x00\x00"
# Megatron's DType codes: code -> (name, array typecode, itemsize).
DTYPES = {
    1: ("uint8", "B", 1),
    2: ("int8", "b", 1),
    3: ("int16", "h", 2),
    4: ("int32", "i", 4),
    5: ("int64", "q", 8),
    6: ("float64", "d", 8),
    7: ("float32", "f", 4),
    8: ("uint16", "H", 2),
}


class Invalid(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Invalid(message)


def typed(typecode, data, itemsize):
    a = array.array(typecode)
    check(a.itemsize == itemsize, "platform %s is not %d bytes" % (typecode, itemsize))
    a.frombytes(data)
    if sys.byteorder != "little":
        a.byteswap()
    return a


def read_dataset(prefix, vocab=None):
    with open(prefix + ".idx", "rb") as f:
        idx = f.read()
    with open(prefix + ".bin", "rb") as f:
        data = f.read()
    check(len(idx) >= 34, "index shorter than the 34-byte header")
    check(idx[:9] == MAGIC, "bad magic %r" % idx[:9])
    (version,) = struct.unpack_from("<Q", idx, 9)
    check(version == 1, "version %d, expected 1" % version)
    (code,) = struct.unpack_from("<B", idx, 17)
    check(code in DTYPES, "unknown dtype code %d" % code)
    name, typecode, itemsize = DTYPES[code]
    sequences, doc_entries = struct.unpack_from("<QQ", idx, 18)
    expected_size = 34 + 4 * sequences + 8 * sequences + 8 * doc_entries
    check(len(idx) == expected_size,
          "index is %d bytes, header implies %d" % (len(idx), expected_size))
    off = 34
    lengths = typed("i", idx[off:off + 4 * sequences], 4)
    off += 4 * sequences
    pointers = typed("q", idx[off:off + 8 * sequences], 8)
    off += 8 * sequences
    doc_index = typed("q", idx[off:off + 8 * doc_entries], 8)
    check(doc_entries >= 1, "document index is empty")
    check(doc_index[0] == 0, "document index starts at %d" % doc_index[0])
    for k in range(1, doc_entries):
        check(doc_index[k] >= doc_index[k - 1], "document index decreases at %d" % k)
    check(doc_index[-1] == sequences,
          "document index ends at %d, not the sequence count %d" % (doc_index[-1], sequences))
    position = 0
    for i in range(sequences):
        check(lengths[i] >= 0, "sequence %d has negative length" % i)
        check(pointers[i] == position,
              "sequence %d pointer %d, expected %d" % (i, pointers[i], position))
        position += lengths[i] * itemsize
    check(len(data) == position, ".bin is %d bytes, index implies %d" % (len(data), position))
    items = typed(typecode, data, itemsize)
    if vocab is not None:
        for t in items:
            check(0 <= t < vocab, "token %d outside vocabulary %d" % (t, vocab))
    docs = []
    for d in range(doc_entries - 1):
        tokens = []
        for s in range(doc_index[d], doc_index[d + 1]):
            start = pointers[s] // itemsize
            tokens.extend(items[start:start + lengths[s]])
        docs.append(tokens)
    return name, sequences, docs


def main(argv):
    vocab = None
    if len(argv) >= 2 and argv[0] == "--vocab":
        vocab = int(argv[1])
        argv = argv[2:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = sys.stdout
    for prefix in argv:
        try:
            name, sequences, docs = read_dataset(prefix, vocab)
        except (Invalid, OSError) as e:
            print("%s: invalid: %s" % (prefix, e), file=sys.stderr)
            return 1
        out.write("dataset %s dtype=%s sequences=%d documents=%d tokens=%d\n" %
                  (prefix, name, sequences, len(docs), sum(len(d) for d in docs)))
        for k, doc in enumerate(docs):
            out.write("doc %d:%s\n" % (k, "".join(" %d" % int(t) for t in doc)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
