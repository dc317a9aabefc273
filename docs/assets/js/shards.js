// Which data shard holds an item: the twin of reviewkb.assets.item_shard (FNV-1a, 32-bit).

export function itemShard(id, shards) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(id)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}
