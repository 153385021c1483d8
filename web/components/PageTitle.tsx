import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page's heading with its actions on the right (wrapping under it on phones). */
export function PageTitle({ title, subtitle, extra }: { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode }) {
  return (
    <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
      </div>
      {extra ? <Flex wrap gap={8}>{extra}</Flex> : null}
    </Flex>
  );
}
