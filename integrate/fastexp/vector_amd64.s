// AVX2 and FMA kernels. The constants are fastexp.go's; the arithmetic is
// core, Exp, Expm1 and ExpEulerIncrement of fastexp.go, operation for
// operation (see the package documentation).

#include "textflag.h"

// Constants, four copies each (one per lane).
DATA log2e<>+0(SB)/8, $0x3ff71547652b82fe
DATA log2e<>+8(SB)/8, $0x3ff71547652b82fe
DATA log2e<>+16(SB)/8, $0x3ff71547652b82fe
DATA log2e<>+24(SB)/8, $0x3ff71547652b82fe
GLOBL log2e<>(SB), RODATA|NOPTR, $32
DATA magic<>+0(SB)/8, $0x4338000000000000
DATA magic<>+8(SB)/8, $0x4338000000000000
DATA magic<>+16(SB)/8, $0x4338000000000000
DATA magic<>+24(SB)/8, $0x4338000000000000
GLOBL magic<>(SB), RODATA|NOPTR, $32
DATA ln2hi<>+0(SB)/8, $0x3fe62e42fee00000
DATA ln2hi<>+8(SB)/8, $0x3fe62e42fee00000
DATA ln2hi<>+16(SB)/8, $0x3fe62e42fee00000
DATA ln2hi<>+24(SB)/8, $0x3fe62e42fee00000
GLOBL ln2hi<>(SB), RODATA|NOPTR, $32
DATA ln2lo<>+0(SB)/8, $0x3dea39ef35793c76
DATA ln2lo<>+8(SB)/8, $0x3dea39ef35793c76
DATA ln2lo<>+16(SB)/8, $0x3dea39ef35793c76
DATA ln2lo<>+24(SB)/8, $0x3dea39ef35793c76
GLOBL ln2lo<>(SB), RODATA|NOPTR, $32
DATA hix<>+0(SB)/8, $0x4086280000000000
DATA hix<>+8(SB)/8, $0x4086280000000000
DATA hix<>+16(SB)/8, $0x4086280000000000
DATA hix<>+24(SB)/8, $0x4086280000000000
GLOBL hix<>(SB), RODATA|NOPTR, $32
DATA lox<>+0(SB)/8, $0xc086200000000000
DATA lox<>+8(SB)/8, $0xc086200000000000
DATA lox<>+16(SB)/8, $0xc086200000000000
DATA lox<>+24(SB)/8, $0xc086200000000000
GLOBL lox<>(SB), RODATA|NOPTR, $32
DATA one<>+0(SB)/8, $0x3ff0000000000000
DATA one<>+8(SB)/8, $0x3ff0000000000000
DATA one<>+16(SB)/8, $0x3ff0000000000000
DATA one<>+24(SB)/8, $0x3ff0000000000000
GLOBL one<>(SB), RODATA|NOPTR, $32
DATA inf<>+0(SB)/8, $0x7ff0000000000000
DATA inf<>+8(SB)/8, $0x7ff0000000000000
DATA inf<>+16(SB)/8, $0x7ff0000000000000
DATA inf<>+24(SB)/8, $0x7ff0000000000000
GLOBL inf<>(SB), RODATA|NOPTR, $32
DATA mone<>+0(SB)/8, $0xbff0000000000000
DATA mone<>+8(SB)/8, $0xbff0000000000000
DATA mone<>+16(SB)/8, $0xbff0000000000000
DATA mone<>+24(SB)/8, $0xbff0000000000000
GLOBL mone<>(SB), RODATA|NOPTR, $32
DATA zero<>+0(SB)/8, $0x0000000000000000
DATA zero<>+8(SB)/8, $0x0000000000000000
DATA zero<>+16(SB)/8, $0x0000000000000000
DATA zero<>+24(SB)/8, $0x0000000000000000
GLOBL zero<>(SB), RODATA|NOPTR, $32
DATA c2<>+0(SB)/8, $0x3fe0000000000000
DATA c2<>+8(SB)/8, $0x3fe0000000000000
DATA c2<>+16(SB)/8, $0x3fe0000000000000
DATA c2<>+24(SB)/8, $0x3fe0000000000000
GLOBL c2<>(SB), RODATA|NOPTR, $32
DATA c3<>+0(SB)/8, $0x3fc5555555555555
DATA c3<>+8(SB)/8, $0x3fc5555555555555
DATA c3<>+16(SB)/8, $0x3fc5555555555555
DATA c3<>+24(SB)/8, $0x3fc5555555555555
GLOBL c3<>(SB), RODATA|NOPTR, $32
DATA c4<>+0(SB)/8, $0x3fa5555555555555
DATA c4<>+8(SB)/8, $0x3fa5555555555555
DATA c4<>+16(SB)/8, $0x3fa5555555555555
DATA c4<>+24(SB)/8, $0x3fa5555555555555
GLOBL c4<>(SB), RODATA|NOPTR, $32
DATA c5<>+0(SB)/8, $0x3f81111111111111
DATA c5<>+8(SB)/8, $0x3f81111111111111
DATA c5<>+16(SB)/8, $0x3f81111111111111
DATA c5<>+24(SB)/8, $0x3f81111111111111
GLOBL c5<>(SB), RODATA|NOPTR, $32
DATA c6<>+0(SB)/8, $0x3f56c16c16c16c17
DATA c6<>+8(SB)/8, $0x3f56c16c16c16c17
DATA c6<>+16(SB)/8, $0x3f56c16c16c16c17
DATA c6<>+24(SB)/8, $0x3f56c16c16c16c17
GLOBL c6<>(SB), RODATA|NOPTR, $32
DATA c7<>+0(SB)/8, $0x3f2a01a01a01a01a
DATA c7<>+8(SB)/8, $0x3f2a01a01a01a01a
DATA c7<>+16(SB)/8, $0x3f2a01a01a01a01a
DATA c7<>+24(SB)/8, $0x3f2a01a01a01a01a
GLOBL c7<>(SB), RODATA|NOPTR, $32
DATA c8<>+0(SB)/8, $0x3efa01a01a01a01a
DATA c8<>+8(SB)/8, $0x3efa01a01a01a01a
DATA c8<>+16(SB)/8, $0x3efa01a01a01a01a
DATA c8<>+24(SB)/8, $0x3efa01a01a01a01a
GLOBL c8<>(SB), RODATA|NOPTR, $32
DATA c9<>+0(SB)/8, $0x3ec71de3a556c734
DATA c9<>+8(SB)/8, $0x3ec71de3a556c734
DATA c9<>+16(SB)/8, $0x3ec71de3a556c734
DATA c9<>+24(SB)/8, $0x3ec71de3a556c734
GLOBL c9<>(SB), RODATA|NOPTR, $32
DATA c10<>+0(SB)/8, $0x3e927e4fb7789f5c
DATA c10<>+8(SB)/8, $0x3e927e4fb7789f5c
DATA c10<>+16(SB)/8, $0x3e927e4fb7789f5c
DATA c10<>+24(SB)/8, $0x3e927e4fb7789f5c
GLOBL c10<>(SB), RODATA|NOPTR, $32
DATA c11<>+0(SB)/8, $0x3e5ae64567f544e4
DATA c11<>+8(SB)/8, $0x3e5ae64567f544e4
DATA c11<>+16(SB)/8, $0x3e5ae64567f544e4
DATA c11<>+24(SB)/8, $0x3e5ae64567f544e4
GLOBL c11<>(SB), RODATA|NOPTR, $32
DATA c12<>+0(SB)/8, $0x3e21eed8eff8d898
DATA c12<>+8(SB)/8, $0x3e21eed8eff8d898
DATA c12<>+16(SB)/8, $0x3e21eed8eff8d898
DATA c12<>+24(SB)/8, $0x3e21eed8eff8d898
GLOBL c12<>(SB), RODATA|NOPTR, $32
DATA c13<>+0(SB)/8, $0x3de6124613a86d09
DATA c13<>+8(SB)/8, $0x3de6124613a86d09
DATA c13<>+16(SB)/8, $0x3de6124613a86d09
DATA c13<>+24(SB)/8, $0x3de6124613a86d09
GLOBL c13<>(SB), RODATA|NOPTR, $32
DATA bias<>+0(SB)/8, $1023
DATA bias<>+8(SB)/8, $1023
DATA bias<>+16(SB)/8, $1023
DATA bias<>+24(SB)/8, $1023
GLOBL bias<>(SB), RODATA|NOPTR, $32

// Registers kept through the loops: Y8 log2e, Y9 magic, Y10 bias (1023 in
// each 64-bit lane), Y11 ln2hi, Y12 ln2lo, Y13 hiX, Y14 loX, Y15 one.
#define LOADCONSTS \
	VMOVUPD log2e<>(SB), Y8; \
	VMOVUPD magic<>(SB), Y9; \
	VMOVDQU bias<>(SB), Y10; \
	VMOVUPD ln2hi<>(SB), Y11; \
	VMOVUPD ln2lo<>(SB), Y12; \
	VMOVUPD hix<>(SB), Y13; \
	VMOVUPD lox<>(SB), Y14; \
	VMOVUPD one<>(SB), Y15

// CORE: x in Y0 -> s = 2^k in Y1, q = expm1(r) in Y2; clobbers Y3-Y6.
#define CORE \
	VMULPD Y8, Y0, Y3; \
	VADDPD Y9, Y3, Y3; \
	VSUBPD Y9, Y3, Y4; \
	VPADDQ Y10, Y3, Y1; \
	VPSLLQ $52, Y1, Y1; \
	VMOVAPD Y0, Y5; \
	VFNMADD231PD Y11, Y4, Y5; \
	VFNMADD231PD Y12, Y4, Y5; \
	VMOVUPD c13<>(SB), Y6; \
	VFMADD213PD c12<>(SB), Y5, Y6; \
	VFMADD213PD c11<>(SB), Y5, Y6; \
	VFMADD213PD c10<>(SB), Y5, Y6; \
	VFMADD213PD c9<>(SB), Y5, Y6; \
	VFMADD213PD c8<>(SB), Y5, Y6; \
	VFMADD213PD c7<>(SB), Y5, Y6; \
	VFMADD213PD c6<>(SB), Y5, Y6; \
	VFMADD213PD c5<>(SB), Y5, Y6; \
	VFMADD213PD c4<>(SB), Y5, Y6; \
	VFMADD213PD c3<>(SB), Y5, Y6; \
	VFMADD213PD c2<>(SB), Y5, Y6; \
	VMULPD Y5, Y5, Y3; \
	VFMADD213PD Y5, Y3, Y6; \
	VMOVAPD Y6, Y2

// FIXUP(r, low): for x (Y0) > hiX, r = +Inf; x < loX, r = low; x NaN,
// r = x. Clobbers Y4.
#define FIXUP(r, low) \
	VCMPPD $0x1e, Y13, Y0, Y4; \
	VBLENDVPD Y4, inf<>(SB), r, r; \
	VCMPPD $0x11, Y14, Y0, Y4; \
	VBLENDVPD Y4, low, r, r; \
	VCMPPD $3, Y0, Y0, Y4; \
	VBLENDVPD Y4, Y0, r, r

// func expAVX2(dst, x *float64, n int)
TEXT ·expAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	LOADCONSTS
expLoop:
	CMPQ CX, $0
	JLE  expDone
	VMOVUPD (SI), Y0
	CORE
	VFMADD213PD Y1, Y1, Y2 // s q + s
	FIXUP(Y2, zero<>(SB))
	VMOVUPD Y2, (DI)
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $4, CX
	JMP  expLoop
expDone:
	VZEROUPPER
	RET

// func expm1AVX2(dst, x *float64, n int)
TEXT ·expm1AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	LOADCONSTS
expm1Loop:
	CMPQ CX, $0
	JLE  expm1Done
	VMOVUPD (SI), Y0
	CORE
	VSUBPD Y15, Y1, Y3     // s - 1
	VFMADD231PD Y2, Y1, Y3 // s q + (s - 1)
	FIXUP(Y3, mone<>(SB))
	VMOVUPD Y3, (DI)
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $4, CX
	JMP  expm1Loop
expm1Done:
	VZEROUPPER
	RET

// func expEulerAVX2(y, a, b *float64, n int, dt float64)
TEXT ·expEulerAVX2(SB), NOSPLIT, $0-40
	MOVQ y+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DX
	MOVQ n+24(FP), CX
	VBROADCASTSD dt+32(FP), Y7
	LOADCONSTS
eeLoop:
	CMPQ CX, $0
	JLE  eeDone
	VMOVUPD (DX), Y0
	VMULPD Y7, Y0, Y0      // x = b dt
	CORE
	VSUBPD Y15, Y1, Y3     // s - 1
	VFMADD231PD Y2, Y1, Y3 // expm1(x) = s q + (s - 1)
	FIXUP(Y3, mone<>(SB))
	VMOVUPD (DX), Y4       // b
	VMOVUPD (DI), Y5       // y
	VMULPD Y5, Y4, Y6      // b y
	VADDPD (SI), Y6, Y6    // f = a + b y
	VMULPD Y3, Y6, Y2      // f expm1(x)
	VDIVPD Y4, Y2, Y2      // f expm1(x) / b
	VMULPD Y7, Y6, Y1      // f dt
	VCMPPD $0, zero<>(SB), Y0, Y4
	VBLENDVPD Y4, Y1, Y2, Y2 // x == 0: f dt
	VADDPD Y2, Y5, Y5
	VMOVUPD Y5, (DI)
	ADDQ $32, SI
	ADDQ $32, DI
	ADDQ $32, DX
	SUBQ $4, CX
	JMP  eeLoop
eeDone:
	VZEROUPPER
	RET
