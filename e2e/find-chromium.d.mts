export function findChromium():
  { source: 'env' | 'playwright' | 'system'; executablePath: string | undefined } | undefined;
