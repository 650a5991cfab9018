// Holds back a fast-changing value (a draft being typed) until it rests, so previews are not spammed.
import { useEffect, useState } from 'react';

export function useDebounced<T>(value: T, delayMs = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
