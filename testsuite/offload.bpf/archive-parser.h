/* The request parser of archive-parser.c, an integer calculator
   protocol.  archive-parser-lib.c implements it; the test suite builds
   it into a static -flto archive.  */

#ifndef ARCHIVE_PARSER_H
#define ARCHIVE_PARSER_H

#include <stddef.h>
#include <stdint.h>

enum calc_op { CALC_ADD, CALC_SUB, CALC_MUL, CALC_DIV, CALC_N_OPS };

/* "OP A B" with OP one of ADD, SUB, MUL, DIV and A, B decimal integers
   in the range of int32_t (an optional '-' sign).  */
struct calc_request
{
  enum calc_op op;
  int32_t a;
  int32_t b;
};

/* Parse the LEN bytes at BUF (an optional trailing "\n" or "\r\n") into
   REQ.  Return 0, or -1 if the request is malformed.  */
int calc_parse (const char *buf, size_t len, struct calc_request *req);

/* Compute REQ into *RESULT.  Return 0, or -1 on division by zero.  */
int calc_eval (const struct calc_request *req, int64_t *result);

/* Write VALUE in decimal to OUT, which has room for SIZE bytes (21 are
   always enough); return the number of bytes written, or 0 if they do
   not fit.  */
size_t calc_format (int64_t value, char *out, size_t size);

/* The name of OP ("ADD", ...).  */
const char *calc_op_name (enum calc_op op);

#endif
