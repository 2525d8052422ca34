// Reads a wasm binary's exported functions and their signatures, so the
// generated .d.ts states the real ABI instead of a hand-kept copy.
// Value type bytes as the wasm spec writes them: i32, i64, f32, f64.
const VALTYPES = new Map([
  [0x7f, 'number'],
  [0x7e, 'bigint'],
  [0x7d, 'number'],
  [0x7c, 'number'],
]);

export function describeExports(bytes) {
  let pos = 8; // magic + version
  const u8 = () => bytes[pos++];
  const leb = () => {
    let result = 0,
      shift = 0,
      b;
    do {
      b = u8();
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return result >>> 0;
  };
  const str = () => {
    const n = leb();
    const s = bytes.subarray(pos, pos + n).toString('utf8');
    pos += n;
    return s;
  };
  const types = [],
    funcTypes = [],
    exports = [];
  let importedFuncs = 0;
  while (pos < bytes.length) {
    const id = u8(),
      size = leb(),
      end = pos + size;
    if (id === 1) {
      for (let n = leb(); n > 0; n--) {
        u8(); // 0x60 func
        const params = Array.from({ length: leb() }, () => VALTYPES.get(u8()) ?? 'unknown');
        const results = Array.from({ length: leb() }, () => VALTYPES.get(u8()) ?? 'unknown');
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        str();
        str();
        const kind = u8();
        if (kind === 0) {
          leb();
          importedFuncs++;
        } else if (kind === 1) {
          u8();
          const f = u8();
          leb();
          if (f & 1) leb();
        } else if (kind === 2) {
          const f = u8();
          leb();
          if (f & 1) leb();
        } else if (kind === 3) {
          u8();
          u8();
        }
      }
    } else if (id === 3) {
      for (let n = leb(); n > 0; n--) funcTypes.push(leb());
    } else if (id === 7) {
      for (let n = leb(); n > 0; n--) exports.push({ name: str(), kind: u8(), index: leb() });
    }
    pos = end;
  }
  return exports
    .map((e) => {
      if (e.kind === 2) return { name: e.name, type: 'WebAssembly.Memory' };
      if (e.kind === 3) return { name: e.name, type: 'WebAssembly.Global' };
      if (e.kind !== 0) return { name: e.name, type: 'unknown' };
      const t = types[funcTypes[e.index - importedFuncs]];
      const params = t.params.map((p, i) => `a${i}: ${p}`).join(', ');
      const result = t.results.length ? t.results[0] : 'void';
      return { name: e.name, type: `(${params}) => ${result}` };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
