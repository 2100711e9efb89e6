/* A mode the plugin does not know is an error naming the choices.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-mode=fast" } */
/* { dg-error "'-fplugin-arg-offload-mode' needs 'auto', 'all' or 'none', not 'fast'" "bad mode" { target *-*-* } 0 } */

int
main (void)
{
  return 0;
}
