// bench:wasm-floor's scanner: the per-record core of reading a zone file, in C for wasm32, to
// measure what moving the check's scanner (server/src/zone/scan.ts) out of JavaScript could
// gain (issue 6; bench/RESULTS.md). Not product code and not a full reader: it finds entries
// (comments, parentheses, quoted strings), follows $ORIGIN and $TTL, interns every owner and
// NS/CNAME/MX/SRV target fully qualified and lower-cased in an open-addressing table, reads
// TTLs, the class and eleven type mnemonics, parses A addresses, and writes one row per record
// (owner id, type, TTL, line, first RDATA offset, target id or address). It does not decode
// escapes, validate other fields or report problems with positions, which the real scanner does.
// Built by bench/wasm-floor.mjs with clang (--target=wasm32, no libc); its tables hold up to 2M
// rows and names, enough for the 1M zone.
typedef unsigned int u32; typedef int i32; typedef unsigned char u8;
extern u8 __heap_base;
static u8 *heap; static u32 heapTop;
static void *alloc(u32 n) { u32 p = (heapTop + 7) & ~7u; heapTop = p + n;
  u32 need = (heapTop + 65535) / 65536, have = __builtin_wasm_memory_size(0);
  if (need > have) __builtin_wasm_memory_grow(0, need - have);
  return (void *)p; }
u32 input_alloc(u32 n) { if (!heapTop) heapTop = (u32)&__heap_base; return (u32)alloc(n); }

// name table: open addressing over lowercased wire-ish text
static u32 *slotId; static u32 *slotHash; static u32 slotMask;
static u32 *nameStart, *nameLen; static u32 nameCount, nameCap;
static u8 *nameText; static u32 nameTextTop, nameTextCap;
// rows
u32 *rowOwner, *rowType, *rowTtl, *rowLine, *rowData, *rowTarget; u32 rowCount, rowCap;

static u32 hashBytes(const u8 *p, u32 n) { u32 h = 0x811c9dc5u; for (u32 i = 0; i < n; i++) h = (h ^ (p[i] | 32)) * 16777619u; return h; }
static u8 buf[1024];
static u32 intern(const u8 *p, u32 n, const u8 *org, u32 on) {
  // fully qualified: name + '.' + origin when relative, '@' = origin
  u32 len = 0;
  if (n == 1 && p[0] == '@') { for (u32 i = 0; i < on; i++) buf[len++] = org[i] | 32; }
  else { for (u32 i = 0; i < n && len < 1000; i++) { u8 c = p[i]; buf[len++] = (c >= 'A' && c <= 'Z') ? c | 32 : c; }
    if (p[n - 1] != '.') { buf[len++] = '.'; for (u32 i = 0; i < on && len < 1020; i++) buf[len++] = org[i] | 32; } }
  u32 h = hashBytes(buf, len), s = h & slotMask;
  for (;;) { u32 id = slotId[s]; if (id == 0xffffffffu) break;
    if (slotHash[s] == h && nameLen[id] == len) { const u8 *q = nameText + nameStart[id]; u32 i = 0; while (i < len && q[i] == buf[i]) i++; if (i == len) return id; }
    s = (s + 1) & slotMask; }
  if (nameCount == nameCap) { /* fixed cap in prototype */ return 0xffffffffu; }
  u32 id = nameCount++; slotId[s] = id; slotHash[s] = h;
  if (nameTextTop + len > nameTextCap) return 0xffffffffu;
  for (u32 i = 0; i < len; i++) nameText[nameTextTop + i] = buf[i];
  nameStart[id] = nameTextTop; nameLen[id] = len; nameTextTop += len; return id;
}
static int eqci(const u8 *p, u32 n, const char *s) { u32 i = 0; for (; i < n && s[i]; i++) if ((p[i] | 32) != s[i]) return 0; return i == n && !s[i]; }
enum { T_A = 1, T_NS = 2, T_CNAME = 5, T_SOA = 6, T_MX = 15, T_TXT = 16, T_AAAA = 28, T_SRV = 33, T_DS = 43, T_TLSA = 52, T_CAA = 257 };
static u32 typeOf(const u8 *p, u32 n) {
  switch (n) { case 1: return (p[0] | 32) == 'a' ? T_A : 0;
    case 2: if (eqci(p, n, "ns")) return T_NS; if (eqci(p, n, "mx")) return T_MX; if (eqci(p, n, "ds")) return T_DS; return 0;
    case 3: if (eqci(p, n, "soa")) return T_SOA; if (eqci(p, n, "txt")) return T_TXT; if (eqci(p, n, "srv")) return T_SRV; if (eqci(p, n, "caa")) return T_CAA; return 0;
    case 4: if (eqci(p, n, "aaaa")) return T_AAAA; if (eqci(p, n, "tlsa")) return T_TLSA; return 0;
    case 5: if (eqci(p, n, "cname")) return T_CNAME; return 0; }
  return 0; }
// tokens of one entry
static u32 ts[256], te[256]; static u32 tn;
u32 errors;
u32 scan(u32 text, u32 len) {
  const u8 *t = (const u8 *)text;
  slotMask = (1u << 21) - 1; slotId = alloc(4 << 21); slotHash = alloc(4 << 21);
  for (u32 i = 0; i <= slotMask; i++) slotId[i] = 0xffffffffu;
  nameCap = 1 << 21; nameStart = alloc(4 * nameCap); nameLen = alloc(4 * nameCap);
  nameTextCap = 64 << 20; nameText = alloc(nameTextCap);
  rowCap = 1 << 21; rowOwner = alloc(4 * rowCap); rowType = alloc(4 * rowCap); rowTtl = alloc(4 * rowCap); rowLine = alloc(4 * rowCap); rowData = alloc(4 * rowCap); rowTarget = alloc(4 * rowCap);
  u8 origin[256]; u32 on = 0; u32 defTtl = 3600; u32 lastOwner = 0xffffffffu; u32 line = 0;
  u32 i = 0;
  while (i < len) {
    u32 entryLine = line; int depth = 0; tn = 0; int lead = (t[i] == ' ' || t[i] == '\t');
    for (;;) { // one physical line
      while (i < len && t[i] != '\n') {
        u8 c = t[i];
        if (c == ' ' || c == '\t' || c == '\r') { i++; continue; }
        if (c == ';') { while (i < len && t[i] != '\n') i++; break; }
        if (c == '(') { depth++; i++; continue; }
        if (c == ')') { depth--; i++; continue; }
        if (c == '"') { u32 s = i++; while (i < len && t[i] != '"' && t[i] != '\n') { if (t[i] == '\\') i++; i++; } i++; if (tn < 256) { ts[tn] = s; te[tn++] = i; } continue; }
        u32 s = i; while (i < len) { c = t[i]; if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '(' || c == ')' || c == '"') break; if (c == '\\') i++; i++; }
        if (tn < 256) { ts[tn] = s; te[tn++] = i; }
      }
      line++; if (i < len) i++;
      if (depth <= 0 || i >= len) break;
    }
    if (tn == 0) continue;
    u32 k = 0;
    if (!lead && t[ts[0]] == '$') {
      if (eqci(t + ts[0], te[0] - ts[0], "$origin") && tn > 1) { on = te[1] - ts[1]; if (on > 255) on = 255; for (u32 j = 0; j < on; j++) origin[j] = t[ts[1] + j]; }
      else if (eqci(t + ts[0], te[0] - ts[0], "$ttl") && tn > 1) { u32 v = 0; for (u32 j = ts[1]; j < te[1]; j++) v = v * 10 + (t[j] - '0'); defTtl = v; }
      continue; }
    u32 owner;
    if (!lead) { owner = intern(t + ts[0], te[0] - ts[0], origin, on); lastOwner = owner; k = 1; } else owner = lastOwner;
    u32 ttl = defTtl, type = 0;
    for (; k < tn; k++) {
      const u8 *p = t + ts[k]; u32 n = te[k] - ts[k];
      if (p[0] >= '0' && p[0] <= '9') { u32 v = 0; for (u32 j = 0; j < n; j++) v = v * 10 + (p[j] - '0'); ttl = v; continue; }
      if (n == 2 && eqci(p, n, "in")) continue;
      type = typeOf(p, n); k++; break; }
    if (!type) { errors++; continue; }
    if (rowCount == rowCap) { errors++; continue; }
    u32 r = rowCount++; rowOwner[r] = owner; rowType[r] = type; rowTtl[r] = ttl; rowLine[r] = entryLine; rowData[r] = k < tn ? ts[k] : 0; rowTarget[r] = 0xffffffffu;
    if (type == T_A && k < tn) { u32 v = 0, part = 0, dots = 0; for (u32 j = ts[k]; j < te[k]; j++) { u8 c = t[j]; if (c == '.') { v = (v << 8) | part; part = 0; dots++; } else if (c >= '0' && c <= '9') part = part * 10 + (c - '0'); else errors++; } v = (v << 8) | part; if (dots != 3 || part > 255) errors++; rowTarget[r] = v; }
    else if ((type == T_NS || type == T_CNAME) && k < tn) rowTarget[r] = intern(t + ts[k], te[k] - ts[k], origin, on);
    else if (type == T_MX && k + 1 < tn) rowTarget[r] = intern(t + ts[k + 1], te[k + 1] - ts[k + 1], origin, on);
    else if (type == T_SRV && k + 3 < tn) rowTarget[r] = intern(t + ts[k + 3], te[k + 3] - ts[k + 3], origin, on);
  }
  return rowCount;
}
u32 names(void) { return nameCount; }
u32 name_start(void) { return (u32)nameStart; }
u32 name_len(void) { return (u32)nameLen; }
u32 name_text(void) { return (u32)nameText; }
u32 err_count(void) { return errors; }
// Every byte looked at once, word starts counted: the least any scanner does.
u32 count_words(u32 text, u32 len) { const u8 *t = (const u8 *)text; u32 words = 0; int in = 0;
  for (u32 i = 0; i < len; i++) { u8 c = t[i]; int w = c > 32 && c != ';'; words += (w & !in); in = w; } return words; }
