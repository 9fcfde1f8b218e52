import { shoeUsagePercent, shoeWear } from './shoe-wear';

describe('shoeWear', () => {
  it('judges a shoe by the percentage the runner is shown: 100 % is due for retirement, 80 % an alert', () => {
    expect(shoeUsagePercent(0.996)).toBe(100);
    expect(shoeWear(0.996)).toBe('retire');
    expect(shoeWear(1.2)).toBe('retire');
    expect(shoeWear(0.994)).toBe('alert');
    expect(shoeWear(0.796)).toBe('alert');
    expect(shoeWear(0.794)).toBe('ok');
    expect(shoeWear(0)).toBe('ok');
  });
});
