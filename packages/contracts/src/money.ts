// Money is integer fen (分) everywhere; this is the one way it is written for people, in integer
// arithmetic: 123456 → "1,234.56", -5 → "-0.05". Server messages add " 元", screens add "¥" or " 元".

export function formatYuan(fen: number): string {
  const n = Math.trunc(fen);
  const abs = Math.abs(n);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
}
