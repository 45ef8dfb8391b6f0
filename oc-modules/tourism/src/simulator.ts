import type { SimulatorProfile } from '@ioc/sdk';

export const simulator: SimulatorProfile = {
  sources: {
    // Núi Bà Rá (Phước Long), Trảng cỏ Bù Lạch and Sóc Bom Bo (Bù Đăng), Vườn quốc gia Bù Gia Mập,
    // Căn cứ Tà Thiết (Lộc Ninh), Hồ Suối Lam and Hồ Suối Cam (Đồng Xoài), Thác Mơ (Phước Long).
    'attraction-gate': {
      behaviour: 'attraction-gate',
      count: 8,
      params: {
        // An ordinary weekday; weekends ×3, Tết and 30/4–1/5 ×6; Núi Bà Rá's cable car draws about 4× the others.
        weekdayVisitors: 350,
        ticketsPerVisitor: 0.85,
        ticketPriceKvnd: 40,
        meanStayH: 2.5,
      },
    },
    // One registration feed per district (about 400 establishments, 6,000 rooms province-wide).
    accommodation: {
      behaviour: 'accommodation',
      count: 11,
      params: {
        roomsPerDistrict: 550,
        baseOccupancy: 0.5,
        checkinsPerRoomPerDay: 0.45,
        internationalShare: 0.01,
      },
    },
  },
  submissions: {
    // Per district and month: 2 million arrivals and 1,200 bn VND a year province-wide.
    tourism_monthly: {
      onTime: 0.78,
      late: 0.14,
      wrong: 0.04,
      missing: 0.04,
      typical: {
        arrivals_domestic: { value: 15000, spread: 0.8 },
        arrivals_international: { value: 150, spread: 1 },
        overnight_guests: { value: 4200, spread: 0.6 },
        revenue_bn: { value: 9, spread: 0.8 },
        accommodation_establishments: { value: 36, spread: 0.5 },
        incidents: { value: 0.4, spread: 1.5 },
      },
    },
  },
};
