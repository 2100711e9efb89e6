/* The protocol library of archive-parser.c (archive-parser-lib.c), linked
   from a static LTO archive.  */

#ifndef ARCHIVE_PARSER_H
#define ARCHIVE_PARSER_H

#include <stddef.h>
#include <stdint.h>

/* "GET k" or "PUT k v", k and v single bytes.  */
struct kv_request
{
  char op;
  uint8_t key;
  uint8_t value;
};

int parse_request (const char *buf, size_t len, struct kv_request *req);
size_t build_reply (const struct kv_request *req, uint8_t *table,
		    char *out, size_t out_size);

#endif
