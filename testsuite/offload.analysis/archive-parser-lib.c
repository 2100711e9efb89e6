/* The request parser and reply builder of archive-parser.c, built into
   libarchive-parser.a with -flto.  */

#include <string.h>

#include "archive-parser.h"

/* Parse BUF of LEN bytes into REQ.  Return 0, or -1 if malformed.  */
int
parse_request (const char *buf, size_t len, struct kv_request *req)
{
  if (len == 5 && memcmp (buf, "GET ", 4) == 0)
    {
      req->op = 'G';
      req->key = (uint8_t) buf[4];
      return 0;
    }
  if (len == 7 && memcmp (buf, "PUT ", 4) == 0 && buf[5] == ' ')
    {
      req->op = 'P';
      req->key = (uint8_t) buf[4];
      req->value = (uint8_t) buf[6];
      return 0;
    }
  return -1;
}

/* Carry out REQ on TABLE and write the reply to OUT; return its length.  */
size_t
build_reply (const struct kv_request *req, uint8_t *table,
	     char *out, size_t out_size)
{
  if (out_size < 2)
    return 0;
  if (req->op == 'P')
    table[req->key] = req->value;
  out[0] = (char) table[req->key];
  out[1] = '\n';
  return 2;
}
