/* proto.c: parser of the kvserver demo's text protocol (see proto.h).

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   Built into an -flto static archive, like a library the server's author
   did not write: the plugin must follow request paths into it at link
   time.  Loops are bounded by the fixed field sizes and libc is not
   called, the shape a kernel fast path can take.  */

#include "proto.h"

/* Return true if BUF (LEN bytes) starts with WORD and a separator (a
   space, or the end when END_OK).  */
static int
word_p (const char *buf, size_t len, const char *word, size_t word_len,
	int end_ok)
{
  size_t i;

  if (len < word_len)
    return 0;
  for (i = 0; i < word_len; i++)
    if (buf[i] != word[i])
      return 0;
  if (len == word_len)
    return end_ok;
  return buf[word_len] == ' ' && !end_ok;
}

/* Copy a token of at most MAX bytes from BUF (LEN bytes) into DST, up to
   a space when STOP_AT_SPACE, else to the end.  Return its length, or 0
   if it is empty or too long.  */
static size_t
copy_token (const char *buf, size_t len, char *dst, size_t max,
	    int stop_at_space)
{
  size_t i;

  for (i = 0; i < len && i <= max; i++)
    {
      if (stop_at_space && buf[i] == ' ')
	break;
      if (i == max)
	return 0;
      dst[i] = buf[i];
    }
  dst[i] = '\0';
  return i;
}

enum kv_op
proto_parse (const char *buf, size_t len, struct kv_request *req)
{
  size_t n;

  req->op = KV_BAD;
  req->key_len = req->value_len = 0;
  if (len > 0 && buf[len - 1] == '\n')
    len--;
  if (len > 0 && buf[len - 1] == '\r')
    len--;

  if (word_p (buf, len, "STATS", 5, 1))
    return req->op = KV_STATS;

  if (word_p (buf, len, "GET", 3, 0))
    {
      n = copy_token (buf + 4, len - 4, req->key, KV_KEY_MAX, 0);
      if (n == 0)
	return KV_BAD;
      /* A key has no spaces.  */
      for (size_t i = 0; i < n; i++)
	if (req->key[i] == ' ')
	  return KV_BAD;
      req->key_len = n;
      return req->op = KV_GET;
    }

  if (word_p (buf, len, "SET", 3, 0))
    {
      n = copy_token (buf + 4, len - 4, req->key, KV_KEY_MAX, 1);
      if (n == 0 || 4 + n >= len || buf[4 + n] != ' ')
	return KV_BAD;
      req->key_len = n;
      buf += 4 + n + 1;
      len -= 4 + n + 1;
      n = copy_token (buf, len, req->value, KV_VALUE_MAX, 0);
      if (n == 0)
	return KV_BAD;
      req->value_len = n;
      return req->op = KV_SET;
    }

  return KV_BAD;
}

int
proto_append (char *out, size_t size, size_t *pos, const char *src,
	      size_t len)
{
  size_t i;

  if (len > size - *pos)
    return -1;
  for (i = 0; i < len; i++)
    out[*pos + i] = src[i];
  *pos += len;
  return 0;
}
