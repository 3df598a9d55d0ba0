// AVX kernels of stepShared (see vector.go): the arithmetic of exp2One
// (vector.go), operation for operation, on the lanes that
// are free over the step or refractory over all of it. freeStep's
// layout: t 0, eL 8, vTh 16, em1 24, c0 32, q0 40, q1 48, d0 56, d1 64,
// tEnd 72, reset 80, vReset4 88..119.

#include "textflag.h"

// EXP2AVX(tEnd, reset, vReset): the step of exp2One on four lanes, given
// v, refEnd, a, b in Y0-Y3 (group at byte offset R13 of y in DI, i0 in R8,
// i1 in R9), t in Y8, eL Y9, vTh Y10, em1 Y11, c0 Y12, q0 Y13, q1 Y14,
// d0 Y15, d1 Y7, and the memory operands tEnd and reset (broadcast) and
// vReset (four lanes): stores v, a, b, and leaves in R11 the mask of the
// lanes done here (free or refractory over the whole step), compared
// with 15. One macro for the shared and the per-neuron kernels, so that
// both do the same operations.
#define EXP2AVX(tEnd, reset, vReset) \
	VCMPPD $0x12, Y8, Y1, Y4; \
	VCMPPD $0x11, Y10, Y0, Y5; \
	VANDPD Y5, Y4, Y4; \
	VSUBPD Y9, Y0, Y5; \
	VMULPD Y11, Y5, Y6; \
	VADDPD Y12, Y6, Y6; \
	VADDPD Y6, Y5, Y5; \
	VMULPD Y13, Y2, Y6; \
	VADDPD Y6, Y5, Y5; \
	VMULPD Y14, Y3, Y6; \
	VADDPD Y6, Y5, Y5; \
	VADDPD Y5, Y9, Y5; \
	VCMPPD $0x11, Y10, Y5, Y6; \
	VANDPD Y6, Y4, Y4; \
	VBROADCASTSD tEnd, Y6; \
	VCMPPD $0x1d, Y6, Y1, Y6; \
	VBROADCASTSD reset, Y1; \
	VANDPD Y6, Y1, Y1; \
	VORPD Y4, Y6, Y6; \
	VBLENDVPD Y1, vReset, Y0, Y0; \
	VBLENDVPD Y4, Y5, Y0, Y0; \
	VMOVUPD Y0, (DI)(R13*1); \
	VMULPD Y15, Y2, Y5; \
	VBLENDVPD Y6, Y5, Y2, Y2; \
	VMOVUPD Y2, (R8)(R13*1); \
	VMULPD Y7, Y3, Y5; \
	VBLENDVPD Y6, Y5, Y3, Y3; \
	VMOVUPD Y3, (R9)(R13*1); \
	VMOVMSKPD Y6, R11; \
	CMPQ R11, $15

// EXP2AVX512: EXP2AVX on eight lanes, the masks in opmask registers:
// v, refEnd, a, b in Z0-Z3, t Z8, eL Z9, vTh Z10, em1 Z11, c0 Z12, q0
// Z13, q1 Z14, d0 Z15, d1 Z16, tEnd Z17, vReset Z18, the reset lanes in
// K7; leaves in R11 the lanes done here, compared with 0xff. (u = v - eL,
// u += em1 u + c0, u += q0 a, u += q1 b, v1 = eL + u: free where
// refEnd <= t, v < vTh and v1 < vTh; v = vReset where refEnd >= tEnd and
// reset; a *= d0 and b *= d1 where done.)
#define EXP2AVX512 \
	VCMPPD $0x12, Z8, Z1, K1; \
	VCMPPD $0x11, Z10, Z0, K1, K1; \
	VSUBPD Z9, Z0, Z4; \
	VMULPD Z11, Z4, Z5; \
	VADDPD Z12, Z5, Z5; \
	VADDPD Z5, Z4, Z4; \
	VMULPD Z13, Z2, Z5; \
	VADDPD Z5, Z4, Z4; \
	VMULPD Z14, Z3, Z5; \
	VADDPD Z5, Z4, Z4; \
	VADDPD Z4, Z9, Z4; \
	VCMPPD $0x11, Z10, Z4, K1, K1; \
	VCMPPD $0x1d, Z17, Z1, K2; \
	KANDW K2, K7, K3; \
	VMOVAPD Z18, K3, Z0; \
	VMOVAPD Z4, K1, Z0; \
	VMOVUPD Z0, (DI)(R13*1); \
	KORW K1, K2, K4; \
	VMULPD Z15, Z2, K4, Z2; \
	VMOVUPD Z2, (R8)(R13*1); \
	VMULPD Z16, Z3, K4, Z3; \
	VMOVUPD Z3, (R9)(R13*1); \
	KMOVW K4, R11; \
	CMPQ R11, $0xff

// func exp2AVX(y, refEnd, i0, i1 *float64, n int, c *freeStep, bad *int32) int
TEXT ·exp2AVX(SB), NOSPLIT, $0-64
	MOVQ y+0(FP), DI
	MOVQ refEnd+8(FP), SI
	MOVQ i0+16(FP), R8
	MOVQ i1+24(FP), R9
	MOVQ n+32(FP), CX
	MOVQ c+40(FP), DX
	MOVQ bad+48(FP), R10
	VBROADCASTSD 0(DX), Y8   // t
	VBROADCASTSD 8(DX), Y9   // eL
	VBROADCASTSD 16(DX), Y10 // vTh
	VBROADCASTSD 24(DX), Y11 // em1
	VBROADCASTSD 32(DX), Y12 // c0
	VBROADCASTSD 40(DX), Y13 // q0
	VBROADCASTSD 48(DX), Y14 // q1
	VBROADCASTSD 56(DX), Y15 // d0
	VBROADCASTSD 64(DX), Y7  // d1
	XORQ AX, AX              // groups left to the caller
	XORQ R13, R13            // byte offset of the group
	SHLQ $3, CX              // n, in bytes
	CMPQ R13, CX
	JGE  exp2Done
exp2Loop:
	VMOVUPD (DI)(R13*1), Y0   // v
	VMOVUPD (SI)(R13*1), Y1   // refEnd
	VMOVUPD (R8)(R13*1), Y2   // a
	VMOVUPD (R9)(R13*1), Y3   // b
	EXP2AVX(72(DX), 80(DX), 88(DX))
	JNE  exp2Left
exp2Next:
	ADDQ $32, R13
	CMPQ R13, CX
	JLT  exp2Loop
exp2Done:
	VZEROUPPER
	MOVQ AX, ret+56(FP)
	RET
exp2Left:
	XORQ $15, R11             // the lanes left
	MOVQ R13, R12
	SHRQ $1, R12              // group index << 4: the offset is 32 bytes a group
	ORQ  R11, R12
	MOVL R12, (R10)(AX*4)
	INCQ AX
	JMP  exp2Next

// func exp2AVX512(y, refEnd, i0, i1 *float64, n int, c *freeStep, bad *int32) int
//
// exp2AVX eight neurons at a time (n a multiple of 8), the lane masks in
// opmask registers: the same operations on the lanes it integrates, the
// blends done by merge-masking.
TEXT ·exp2AVX512(SB), NOSPLIT, $0-64
	MOVQ y+0(FP), DI
	MOVQ refEnd+8(FP), SI
	MOVQ i0+16(FP), R8
	MOVQ i1+24(FP), R9
	MOVQ n+32(FP), CX
	MOVQ c+40(FP), DX
	MOVQ bad+48(FP), R10
	VBROADCASTSD 0(DX), Z8   // t
	VBROADCASTSD 8(DX), Z9   // eL
	VBROADCASTSD 16(DX), Z10 // vTh
	VBROADCASTSD 24(DX), Z11 // em1
	VBROADCASTSD 32(DX), Z12 // c0
	VBROADCASTSD 40(DX), Z13 // q0
	VBROADCASTSD 48(DX), Z14 // q1
	VBROADCASTSD 56(DX), Z15 // d0
	VBROADCASTSD 64(DX), Z16 // d1
	VBROADCASTSD 72(DX), Z17 // tEnd
	VBROADCASTSD 88(DX), Z18 // vReset
	MOVQ 80(DX), R11         // reset: all ones, or 0 with refractory_input = 1
	ANDQ $0xff, R11
	KMOVW R11, K7            // the lanes a whole refractory step sets to vReset
	XORQ AX, AX              // groups of four left to the caller
	XORQ R13, R13            // byte offset of the group of eight
	SHLQ $3, CX              // n, in bytes
	CMPQ R13, CX
	JGE  e512Done
e512Loop:
	VMOVUPD (DI)(R13*1), Z0        // v
	VMOVUPD (SI)(R13*1), Z1        // refEnd
	VMOVUPD (R8)(R13*1), Z2        // a
	VMOVUPD (R9)(R13*1), Z3        // b
	EXP2AVX512
	JNE  e512Left
e512Next:
	ADDQ $64, R13
	CMPQ R13, CX
	JLT  e512Loop
e512Done:
	VZEROUPPER
	MOVQ AX, ret+56(FP)
	RET
e512Left:
	XORQ $0xff, R11           // the lanes left
	MOVQ R13, R12
	SHRQ $1, R12              // index of the first group of four << 4 (32 bytes a group)
	MOVQ R11, BX
	ANDQ $15, BX
	JZ   e512High
	ORQ  R12, BX
	MOVL BX, (R10)(AX*4)
	INCQ AX
e512High:
	SHRQ $4, R11
	JZ   e512Next
	ADDQ $16, R12             // the second group of four
	ORQ  R12, R11
	MOVL R11, (R10)(AX*4)
	INCQ AX
	JMP  e512Next

// Per-neuron kernels (stepPerNeuron, pervector.go): exp2AVX and
// exp2AVX512 with each neuron's own eL, vTh, em1, c0, q0, q1 and vReset,
// loaded four or eight at a time from pnConsts (the pointers in pnArgs)
// instead of broadcast. pnArgs' layout: y 0, refEnd 8, i0 16, i1 24,
// eL 32, vTh 40, em1 48, c0 56, q0 64, q1 72, vReset 80, bad 88, n 96,
// t 104, tEnd 112, d0 120, d1 128, reset 136.

// func exp2PNAVX(a *pnArgs) int
TEXT ·exp2PNAVX(SB), NOSPLIT, $0-16
	MOVQ a+0(FP), DX
	MOVQ 0(DX), DI            // y
	MOVQ 8(DX), SI            // refEnd
	MOVQ 16(DX), R8           // i0
	MOVQ 24(DX), R9           // i1
	MOVQ 88(DX), R10          // bad
	MOVQ 96(DX), CX           // n
	VBROADCASTSD 104(DX), Y8  // t
	VBROADCASTSD 120(DX), Y15 // d0
	VBROADCASTSD 128(DX), Y7  // d1
	XORQ AX, AX               // groups left to the caller
	XORQ R13, R13             // byte offset of the group
	SHLQ $3, CX               // n, in bytes
	CMPQ R13, CX
	JGE  pnDone
pnLoop:
	VMOVUPD (DI)(R13*1), Y0   // v
	VMOVUPD (SI)(R13*1), Y1   // refEnd
	VMOVUPD (R8)(R13*1), Y2   // a
	VMOVUPD (R9)(R13*1), Y3   // b
	MOVQ 32(DX), BX
	VMOVUPD (BX)(R13*1), Y9   // eL
	MOVQ 40(DX), BX
	VMOVUPD (BX)(R13*1), Y10  // vTh
	MOVQ 48(DX), BX
	VMOVUPD (BX)(R13*1), Y11  // em1
	MOVQ 56(DX), BX
	VMOVUPD (BX)(R13*1), Y12  // c0
	MOVQ 64(DX), BX
	VMOVUPD (BX)(R13*1), Y13  // q0
	MOVQ 72(DX), BX
	VMOVUPD (BX)(R13*1), Y14  // q1
	MOVQ 80(DX), BX           // vReset, per neuron
	EXP2AVX(112(DX), 136(DX), (BX)(R13*1))
	JNE  pnLeft
pnNext:
	ADDQ $32, R13
	CMPQ R13, CX
	JLT  pnLoop
pnDone:
	VZEROUPPER
	MOVQ AX, ret+8(FP)
	RET
pnLeft:
	XORQ $15, R11             // the lanes left
	MOVQ R13, R12
	SHRQ $1, R12              // group index << 4: the offset is 32 bytes a group
	ORQ  R11, R12
	MOVL R12, (R10)(AX*4)
	INCQ AX
	JMP  pnNext

// func exp2PNAVX512(a *pnArgs) int
TEXT ·exp2PNAVX512(SB), NOSPLIT, $0-16
	MOVQ a+0(FP), DX
	MOVQ 0(DX), DI            // y
	MOVQ 8(DX), SI            // refEnd
	MOVQ 16(DX), R8           // i0
	MOVQ 24(DX), R9           // i1
	MOVQ 88(DX), R10          // bad
	MOVQ 96(DX), CX           // n
	VBROADCASTSD 104(DX), Z8  // t
	VBROADCASTSD 112(DX), Z17 // tEnd
	VBROADCASTSD 120(DX), Z15 // d0
	VBROADCASTSD 128(DX), Z16 // d1
	MOVQ 136(DX), R11         // reset: all ones, or 0 with refractory_input = 1
	ANDQ $0xff, R11
	KMOVW R11, K7             // the lanes a whole refractory step sets to vReset
	XORQ AX, AX               // groups of four left to the caller
	XORQ R13, R13             // byte offset of the group of eight
	SHLQ $3, CX               // n, in bytes
	CMPQ R13, CX
	JGE  pn512Done
pn512Loop:
	VMOVUPD (DI)(R13*1), Z0        // v
	VMOVUPD (SI)(R13*1), Z1        // refEnd
	VMOVUPD (R8)(R13*1), Z2        // a
	VMOVUPD (R9)(R13*1), Z3        // b
	MOVQ 32(DX), BX
	VMOVUPD (BX)(R13*1), Z9        // eL
	MOVQ 40(DX), BX
	VMOVUPD (BX)(R13*1), Z10       // vTh
	MOVQ 48(DX), BX
	VMOVUPD (BX)(R13*1), Z11       // em1
	MOVQ 56(DX), BX
	VMOVUPD (BX)(R13*1), Z12       // c0
	MOVQ 64(DX), BX
	VMOVUPD (BX)(R13*1), Z13       // q0
	MOVQ 72(DX), BX
	VMOVUPD (BX)(R13*1), Z14       // q1
	MOVQ 80(DX), BX
	VMOVUPD (BX)(R13*1), Z18       // vReset
	EXP2AVX512
	JNE  pn512Left
pn512Next:
	ADDQ $64, R13
	CMPQ R13, CX
	JLT  pn512Loop
pn512Done:
	VZEROUPPER
	MOVQ AX, ret+8(FP)
	RET
pn512Left:
	XORQ $0xff, R11           // the lanes left
	MOVQ R13, R12
	SHRQ $1, R12              // index of the first group of four << 4 (32 bytes a group)
	MOVQ R11, BX
	ANDQ $15, BX
	JZ   pn512High
	ORQ  R12, BX
	MOVL BX, (R10)(AX*4)
	INCQ AX
pn512High:
	SHRQ $4, R11
	JZ   pn512Next
	ADDQ $16, R12             // the second group of four
	ORQ  R12, R11
	MOVL R11, (R10)(AX*4)
	INCQ AX
	JMP  pn512Next
