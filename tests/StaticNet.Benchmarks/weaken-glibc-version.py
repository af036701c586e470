"""Marks one glibc version that an ELF library requires as weak (VER_FLG_WEAK), so the dynamic loader
loads the library on an older glibc and resolves the symbols of that version from whatever provides
them (run.sh preloads a shim). Used only for the benchmarks' copy of a newer libstdc++."""
import struct
import sys

path, version = sys.argv[1], sys.argv[2]
data = bytearray(open(path, "rb").read())
section_offset = struct.unpack_from("<Q", data, 0x28)[0]
entry_size, count = struct.unpack_from("<HH", data, 0x3A)
sections = [struct.unpack_from("<IIQQQQIIQQ", data, section_offset + i * entry_size) for i in range(count)]
patched = 0
for section in sections:
    if section[1] != 0x6FFFFFFE:  # SHT_GNU_verneed
        continue
    strings = sections[section[6]][4]
    offset = section[4]
    while True:
        _, aux_count, _, aux, following = struct.unpack_from("<HHIII", data, offset)
        entry = offset + aux
        for _ in range(aux_count):
            _, flags, _, name, next_entry = struct.unpack_from("<IHHII", data, entry)
            if data[strings + name:data.index(0, strings + name)].decode() == version:
                struct.pack_into("<H", data, entry + 4, flags | 0x2)
                patched += 1
            entry += next_entry
        if following == 0:
            break
        offset += following
if patched == 0:
    sys.exit(f"{path} does not require {version}")
open(path, "wb").write(data)
