import { defineMessages } from '../../i18n/define-messages';

export const incidentFocusMessages = defineMessages({
  vi: {
    'focus.state': 'Trạng thái',
    'focus.since': 'từ {time}',
    'focus.slaLeft': 'Còn {minutes} phút',
    'focus.slaOver': 'Quá hạn {minutes} phút',
    'focus.checklist': 'Các bước xử lý',
    'focus.units': 'Lực lượng',
    'focus.noUnits': 'Chưa điều lực lượng',
    'focus.missing': 'Không tìm thấy sự cố {id}',
  },
  en: {
    'focus.state': 'State',
    'focus.since': 'since {time}',
    'focus.slaLeft': '{minutes} min left',
    'focus.slaOver': 'Overdue by {minutes} min',
    'focus.checklist': 'Playbook',
    'focus.units': 'Units',
    'focus.noUnits': 'No unit dispatched yet',
    'focus.missing': 'Incident {id} not found',
  },
});
