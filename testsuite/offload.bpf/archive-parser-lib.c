/* The calculator protocol of archive-parser.c: parsing requests,
   evaluating them and formatting results.  Built into a static -flto
   archive by the test suite.  */

#include <string.h>

#include "archive-parser.h"

static const char op_names[CALC_N_OPS][4] = { "ADD", "SUB", "MUL", "DIV" };

const char *
calc_op_name (enum calc_op op)
{
  return op_names[op];
}

/* Parse a decimal int32_t from the LEN bytes at P, all of which must be
   part of the number.  Return 0 and set *VALUE, or -1.  */
static int
parse_int32 (const char *p, size_t len, int32_t *value)
{
  size_t i = 0;
  int negative = 0;
  if (len > 0 && p[0] == '-')
    {
      negative = 1;
      i = 1;
    }
  if (i == len || len - i > 10)
    return -1;
  int64_t v = 0;
  for (; i < len; i++)
    {
      if (p[i] < '0' || p[i] > '9')
	return -1;
      v = v * 10 + (p[i] - '0');
    }
  if (negative)
    v = -v;
  if (v < INT32_MIN || v > INT32_MAX)
    return -1;
  *value = (int32_t) v;
  return 0;
}

/* Return the length of the token at P (up to END): the bytes before the
   next space or END.  */
static size_t
token_length (const char *p, const char *end)
{
  const char *q = p;
  while (q < end && *q != ' ')
    q++;
  return (size_t) (q - p);
}

int
calc_parse (const char *buf, size_t len, struct calc_request *req)
{
  if (len > 0 && buf[len - 1] == '\n')
    len--;
  if (len > 0 && buf[len - 1] == '\r')
    len--;

  const char *p = buf;
  const char *end = buf + len;

  /* The operator: three letters and a space.  */
  if (len < 4 || p[3] != ' ')
    return -1;
  int op;
  for (op = 0; op < CALC_N_OPS; op++)
    if (memcmp (p, op_names[op], 3) == 0)
      break;
  if (op == CALC_N_OPS)
    return -1;
  req->op = (enum calc_op) op;
  p += 4;

  /* Two operands separated by one space.  */
  size_t n = token_length (p, end);
  if (parse_int32 (p, n, &req->a) < 0)
    return -1;
  p += n;
  if (p == end || *p != ' ')
    return -1;
  p++;
  n = token_length (p, end);
  if (parse_int32 (p, n, &req->b) < 0)
    return -1;
  p += n;
  return p == end ? 0 : -1;
}

int
calc_eval (const struct calc_request *req, int64_t *result)
{
  int64_t a = req->a, b = req->b;
  switch (req->op)
    {
    case CALC_ADD:
      *result = a + b;
      return 0;
    case CALC_SUB:
      *result = a - b;
      return 0;
    case CALC_MUL:
      *result = a * b;
      return 0;
    case CALC_DIV:
      if (b == 0)
	return -1;
      *result = a / b;
      return 0;
    default:
      return -1;
    }
}

size_t
calc_format (int64_t value, char *out, size_t size)
{
  char digits[20];
  size_t n = 0;
  /* The magnitude as unsigned, which also covers INT64_MIN.  */
  uint64_t mag = value < 0 ? -(uint64_t) value : (uint64_t) value;
  do
    {
      digits[n++] = (char) ('0' + mag % 10);
      mag /= 10;
    }
  while (mag != 0);

  size_t len = n + (value < 0);
  if (len > size)
    return 0;
  size_t pos = 0;
  if (value < 0)
    out[pos++] = '-';
  while (n > 0)
    out[pos++] = digits[--n];
  return len;
}
