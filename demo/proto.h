/* proto.h: the text protocol of the kvserver demo.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   One request per datagram:
     GET key          -> "VALUE value\n" or "NOT_FOUND\n"
     SET key value    -> "STORED\n" or "FULL\n"
     STATS            -> "STATS gets N sets N hits N misses N errors N\n"
     anything else    -> "ERROR\n"
   A trailing "\r\n" or "\n" is ignored.  Keys are at most KV_KEY_MAX
   bytes without spaces; values at most KV_VALUE_MAX bytes.  */

#ifndef KV_PROTO_H
#define KV_PROTO_H

#include <stddef.h>

#define KV_KEY_MAX 15
#define KV_VALUE_MAX 31

enum kv_op
{
  KV_BAD,
  KV_GET,
  KV_SET,
  KV_STATS
};

struct kv_request
{
  enum kv_op op;
  size_t key_len;
  size_t value_len;
  char key[KV_KEY_MAX + 1];
  char value[KV_VALUE_MAX + 1];
};

/* Parse the LEN bytes at BUF into REQ.  Return REQ->op, KV_BAD if the
   request is malformed.  */
enum kv_op proto_parse (const char *buf, size_t len, struct kv_request *req);

/* Append the LEN bytes at SRC to the reply at OUT, which has room for
   SIZE bytes and holds *POS of them.  Return 0, or -1 (nothing appended)
   if it does not fit.  */
int proto_append (char *out, size_t size, size_t *pos,
		  const char *src, size_t len);

#endif /* KV_PROTO_H */
