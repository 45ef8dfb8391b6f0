/**
 * What citizens write, by category (after the commune e-portals and the 1022 hotline logs):
 * short, concrete, with a place. The generator picks one and names a hamlet or street.
 */
export const FEEDBACK_TEXTS: Record<string, string[]> = {
  security: [
    'Nhóm thanh niên tụ tập đua xe, gây ồn ào lúc nửa đêm',
    'Có người lạ thường xuyên lảng vảng, nghi trộm cắp tài sản',
    'Quán karaoke hát quá 22 giờ, ảnh hưởng khu dân cư',
  ],
  'urban-order': [
    'Hàng quán lấn chiếm vỉa hè, người đi bộ phải xuống lòng đường',
    'Công trình xây dựng không che chắn, vật liệu để tràn ra đường',
    'Biển quảng cáo dựng trái phép che khuất tầm nhìn',
  ],
  environment: [
    'Rác thải sinh hoạt tồn đọng nhiều ngày chưa được thu gom',
    'Cơ sở chế biến hạt điều xả nước thải có mùi hôi ra kênh',
    'Đốt rác, khói bụi ảnh hưởng các hộ xung quanh',
    'Đường ngập sâu sau mưa, nước không thoát được',
  ],
  traffic: [
    'Mặt đường xuất hiện ổ gà lớn, nguy hiểm cho xe máy',
    'Đèn tín hiệu giao thông tại ngã tư không hoạt động',
    'Đèn chiếu sáng công cộng hư hỏng, đoạn đường tối om',
  ],
  'public-service': [
    'Hồ sơ cấp giấy chứng nhận quyền sử dụng đất quá hạn chưa có kết quả',
    'Bộ phận một cửa yêu cầu bổ sung giấy tờ không có trong quy định',
  ],
  other: ['Đề nghị lắp thêm camera an ninh tại khu vực chợ', 'Cây xanh nghiêng, có nguy cơ ngã đổ khi mưa bão'],
};

export const PLACES = ['ấp 1', 'ấp 3', 'khu phố Tân Bình', 'khu phố Phú Thịnh', 'đường Phú Riềng Đỏ', 'đường Hùng Vương', 'gần chợ', 'gần trường tiểu học', 'cổng khu công nghiệp'];

/** Shares of the categories in the District 7 panel's mix (environment and urban order lead). */
export const CATEGORY_WEIGHTS: Record<string, number> = { environment: 0.3, 'urban-order': 0.25, traffic: 0.18, security: 0.12, 'public-service': 0.1, other: 0.05 };

/** Channels and their shares (002 #36: the 1022 hotline carries most). */
export const CHANNEL_WEIGHTS: Record<string, number> = { '1022': 0.45, app: 0.3, portal: 0.12, hotline: 0.08, zalo: 0.05 };
