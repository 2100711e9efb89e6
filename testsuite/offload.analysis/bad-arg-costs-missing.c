/* A costs file that cannot be read is an error naming it.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-costs=no-such-costs-file" } */
/* { dg-error "cannot read offload costs file 'no-such-costs-file'" "missing costs file" { target *-*-* } 0 } */

int
main (void)
{
  return 0;
}
