/* json-writer.h -- a small streaming JSON writer for the report.

   The report must be deterministic and readable by people and by the
   test suite's scanners, so the writer pretty-prints with two spaces,
   keeps keys in the order the caller writes them and never prints
   addresses.  GCC 12's json.h prints everything on one line.  */

#ifndef OFFLOAD_JSON_WRITER_H
#define OFFLOAD_JSON_WRITER_H

#include <stdio.h>

class json_writer
{
public:
  explicit json_writer (FILE *out);

  /* Containers; INLINE_P puts the container on one line.  */
  void begin_object (const char *key = NULL, bool inline_p = false);
  void end_object ();
  void begin_array (const char *key = NULL, bool inline_p = false);
  void end_array ();

  /* Members (KEY non-NULL inside an object) or array elements (KEY NULL).  */
  void string (const char *key, const char *value); /* NULL prints null.  */
  void integer (const char *key, long value);
  /* VALUE rounded to two decimals; finite.  */
  void number (const char *key, double value);
  void boolean (const char *key, bool value);
  void null (const char *key);

  /* Finish the document with a newline.  */
  void finish ();

private:
  static const int MAX_DEPTH = 64;
  void open (const char *key, char open, bool inline_p);
  void close (char close);
  void begin_value (const char *key);
  void quoted (const char *s);
  void newline ();

  FILE *m_out;
  int m_depth;
  /* Whether the current container already has an element.  */
  bool m_has_element[MAX_DEPTH];
  /* Whether the current container is printed on one line.  */
  bool m_inline[MAX_DEPTH];
};

#endif /* OFFLOAD_JSON_WRITER_H */
