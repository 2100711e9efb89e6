/* json-writer.cc -- pretty-printed JSON output.  */

#include <stdlib.h>
#include <string.h>
#include "plugin/json-writer.h"

json_writer::json_writer (FILE *out)
  : m_out (out), m_depth (0)
{
  m_has_element[0] = false;
  m_inline[0] = false;
}

void
json_writer::newline ()
{
  fputc ('\n', m_out);
  for (int i = 0; i < m_depth; i++)
    fputs ("  ", m_out);
}

/* Print the separator, indentation and KEY that precede a value.  */
void
json_writer::begin_value (const char *key)
{
  if (m_depth > 0)
    {
      if (m_has_element[m_depth])
	fputc (',', m_out);
      if (m_inline[m_depth])
	{
	  if (m_has_element[m_depth])
	    fputc (' ', m_out);
	}
      else
	newline ();
      m_has_element[m_depth] = true;
    }
  if (key)
    {
      quoted (key);
      fputs (": ", m_out);
    }
}

void
json_writer::quoted (const char *s)
{
  fputc ('"', m_out);
  for (; *s; s++)
    {
      unsigned char c = *s;
      if (c == '"' || c == '\\')
	fprintf (m_out, "\\%c", c);
      else if (c == '\n')
	fputs ("\\n", m_out);
      else if (c == '\t')
	fputs ("\\t", m_out);
      else if (c < 0x20)
	fprintf (m_out, "\\u%04x", c);
      else
	fputc (c, m_out);
    }
  fputc ('"', m_out);
}

/* Open a container with bracket OPEN; it and everything in it go on one
   line when INLINE_P or when its parent is on one line.  */
void
json_writer::open (const char *key, char open, bool inline_p)
{
  begin_value (key);
  fputc (open, m_out);
  bool parent_inline = m_depth > 0 && m_inline[m_depth];
  if (m_depth + 1 >= MAX_DEPTH)
    abort ();
  m_depth++;
  m_has_element[m_depth] = false;
  m_inline[m_depth] = inline_p || parent_inline;
}

void
json_writer::close (char close)
{
  bool had = m_has_element[m_depth];
  bool was_inline = m_inline[m_depth];
  m_depth--;
  if (had && !was_inline)
    newline ();
  fputc (close, m_out);
}

void
json_writer::begin_object (const char *key, bool inline_p)
{
  open (key, '{', inline_p);
}

void
json_writer::end_object ()
{
  close ('}');
}

void
json_writer::begin_array (const char *key, bool inline_p)
{
  open (key, '[', inline_p);
}

void
json_writer::end_array ()
{
  close (']');
}

void
json_writer::string (const char *key, const char *value)
{
  begin_value (key);
  if (value)
    quoted (value);
  else
    fputs ("null", m_out);
}

void
json_writer::integer (const char *key, long value)
{
  begin_value (key);
  fprintf (m_out, "%ld", value);
}

void
json_writer::number (const char *key, double value)
{
  begin_value (key);
  fprintf (m_out, "%.2f", value);
}

void
json_writer::boolean (const char *key, bool value)
{
  begin_value (key);
  fputs (value ? "true" : "false", m_out);
}

void
json_writer::null (const char *key)
{
  begin_value (key);
  fputs ("null", m_out);
}

void
json_writer::finish ()
{
  fputc ('\n', m_out);
}
