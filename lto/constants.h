/* constants.h -- integer values known at link time.

   Ports, address families and socket types often reach `socket' and
   `bind' through a helper's parameters or through htons.  This small
   evaluator follows SSA definitions, byte swaps and parameters (through
   one calling context, or all callers when they agree).  */

#ifndef OFFLOAD_CONSTANTS_H
#define OFFLOAD_CONSTANTS_H

/* Evaluate integer operand OP to a constant.  A parameter takes its
   value from the call CONTEXT when CONTEXT calls OP's function, else
   from every caller when they all pass the same value.  Return true and
   set *VALUE on success.  */
bool evaluate_constant (tree op, gimple *context, long *value);

/* The string constant OP points to, or NULL.  */
const char *evaluate_string (tree op);

#endif /* OFFLOAD_CONSTANTS_H */
