# Each input's part of LLVM's coverage sections `__llvm_covfun` and `__llvm_covmap` starts
# 8-byte aligned, zero-padded, as LLD 21 writes them and llvm-cov reads them; other custom
# sections are packed.
# RUN: --no-entry a.o b.o
# --- a.s
        .section        .custom_section.__llvm_covfun,"GR",@,__covrec_A
        .int32  1
        .int8   2
        .section        .custom_section.__llvm_covfun,"GR",@,__covrec_B
        .int32  3
        .section        .custom_section.foo,"GR",@,foo_A
        .int32  1
        .int8   2
        .section        .custom_section.foo,"GR",@,foo_B
        .int32  3
# --- b.s
        .section        .custom_section.__llvm_covmap,"GR",@,m_A
        .int8   2
        .section        .custom_section.__llvm_covmap,"GR",@,m_B
        .int32  3
        .section        .custom_section.__llvm_covfun,"GR",@,__covrec_C
        .int8   7
# --- EXPECT
(module
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (@custom "__llvm_covfun" (after export) "\01\00\00\00\02\00\00\00\03\00\00\00\00\00\00\00\07")
  (@custom "foo" (after export) "\01\00\00\00\02\03\00\00\00")
  (@custom "__llvm_covmap" (after export) "\02\00\00\00\00\00\00\00\03\00\00\00")
)

